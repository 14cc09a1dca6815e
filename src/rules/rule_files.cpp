#include "rules/rule_files.hpp"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>

#include "parley/error.hpp"
#include "rules/limits.hpp"

namespace parley::rules {
namespace {

namespace fs = std::filesystem;

Diagnostic problem(const fs::path& path, std::string message) {
  Diagnostic d;
  d.where.file = path.string();
  d.message = std::move(message);
  return d;
}

std::string kind_of(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory: return "a folder";
    case fs::file_type::fifo: return "a FIFO";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    default: return "not a regular file";
  }
}

// Reads one file that should be a rule file, or says why it is not one.
void read_one(const fs::path& path, std::vector<SourceFile>& files, std::vector<Diagnostic>& problems) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);  // follows symlinks
  if (ec) {
    problems.push_back(problem(path, "cannot read this file: " + ec.message()));
    return;
  }
  if (status.type() != fs::file_type::regular) {
    problems.push_back(problem(path, "this is " + kind_of(status.type()) + ", not a rule file: only regular files are read"));
    return;
  }
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > limits::kFileBytes) {
    problems.push_back(problem(
        path, fmt::format("this file has {} bytes; a rule file may have at most {} (8 MiB)", size, limits::kFileBytes)));
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problems.push_back(problem(path, "cannot read this file"));
    return;
  }
  // Read at most one byte past the limit: the file may have grown since.
  std::string content(limits::kFileBytes + 1, '\0');
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  content.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    problems.push_back(problem(path, "cannot read this file"));
    return;
  }
  files.push_back({path.string(), std::move(content)});
}

}  // namespace

std::vector<SourceFile> read_rule_files(const fs::path& path) {
  std::vector<SourceFile> files;
  std::vector<Diagnostic> problems;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    const bool missing = !ec || ec == std::errc::no_such_file_or_directory;
    throw Error(problem(path, missing ? "no such file or folder" : "cannot read this: " + ec.message()));
  }
  if (fs::is_directory(status)) {
    std::vector<fs::path> paths;
    fs::directory_iterator it(path, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      const fs::path& entry = it->path();
      const auto ext = entry.extension();
      if (ext == ".yaml" || ext == ".yml") paths.push_back(entry);
    }
    if (ec) throw Error(problem(path, "cannot read this folder: " + ec.message()));
    if (paths.empty()) throw Error(problem(path, "this folder has no .yaml rule files"));
    std::sort(paths.begin(), paths.end());
    for (const fs::path& p : paths) read_one(p, files, problems);
  } else {
    read_one(path, files, problems);
  }
  if (!problems.empty()) throw Error(std::move(problems));
  return files;
}

}  // namespace parley::rules
