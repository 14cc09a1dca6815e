// serve/static_files.hpp: files the HTTP server sends as they are, compiled
// into the binary from the source tree (CMakeLists.txt lists them;
// cmake/EmbedFiles.cmake writes the table). docs/openapi.json is served at
// /openapi.json; a web page's HTML, CSS and JavaScript would be served the
// same way, at / and beside it.
#pragma once

#include <span>
#include <string_view>

namespace parley::serve {

struct StaticFile {
  std::string_view url;           // "/openapi.json"
  std::string_view content_type;  // "application/json"
  std::string_view body;
};

std::span<const StaticFile> static_files();

}  // namespace parley::serve
