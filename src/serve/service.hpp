// serve/service.hpp: the requests `parley serve` answers, whatever carries them.
//
// One Service runs every operation (docs/serve.md lists them, their fields
// and their error codes); the transports only move bytes: JSON lines on
// stdin/stdout (serve/stdio.hpp) and HTTP (serve/http.hpp) both call
// handle(), so each operation has one code path.
//
// Threads: handle() and reload() may run on any number of threads at once.
// Each request takes the current Engine once and uses only it, so a reload
// while requests run swaps the rule set between requests, never inside one,
// and the old rule set lives until the last request using it is done.
#pragma once

#include <atomic>
#include <mutex>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "parley/engine.hpp"
#include "serve/store.hpp"

namespace parley::serve {

// The version of the request protocol of docs/serve.md: it grows when a
// change would break a host written against the previous one.
inline constexpr int kProtocolVersion = 1;

struct ServiceOptions {
  std::optional<std::string> rules_path;  // none: the built-in rule set
  std::size_t max_message_bytes = 2000;   // of a buyer message or a reply
  // Stored conversations keep their last `history_turns` turns in full; the
  // older ones are dropped and counted in Conversation::earlier.
  std::size_t history_turns = 50;
};

// The answer to one request.
struct Reply {
  int status = 200;   // as HTTP: 200, or 400, 404, 409, 422, 503, 500
  bool ok = true;
  // The result on success; on failure {"code": ..., "message": ...} (and
  // "diagnostics" for a rule set that did not load).
  std::string body;
};

class Service {
 public:
  // Loads the rule set; throws parley::Error with its diagnostics.
  Service(ServiceOptions options, std::unique_ptr<Store> store);
  ~Service();

  // Runs operation `op` on `request` (a JSON object: the HTTP body, or the
  // stdio line without its "id" and "op"). Never throws: every failure is a
  // Reply with a stable code.
  Reply handle(std::string_view op, const boost::json::object& request) const;

  // Loads the rule set again from where it came from. On success the next
  // requests use it; on failure the old one stays and the reply carries the
  // diagnostics. Same as handle("reload", {}).
  Reply reload() const;

  // The engine requests use now.
  std::shared_ptr<const Engine> engine() const;
  const Store& store() const { return *store_; }
  // Rule sets loaded so far: 1 until the first successful reload.
  std::uint64_t generation() const { return generation_.load(); }

  // The operations handle() knows, in the order docs/serve.md gives them.
  static std::span<const std::string_view> operations();

 private:
  struct Request;
  std::string run(std::string_view op, Request& r) const;
  Reply reload_locked() const;

  const ServiceOptions options_;
  const std::unique_ptr<Store> store_;
  void publish(std::shared_ptr<const Engine> engine) const;

  // The engine, behind a mutex held only to copy or replace the pointer.
  // Not std::atomic<std::shared_ptr>: libstdc++ 12 releases its internal lock
  // with a relaxed store after load() has read the pointer, so a reload racing
  // a request is a data race under the C++ memory model (ThreadSanitizer
  // reports it).
  mutable std::mutex engine_mutex_;
  mutable std::shared_ptr<const Engine> engine_;
  mutable std::atomic<std::uint64_t> generation_{1};  // rule sets loaded so far
  mutable std::mutex reload_mutex_;                  // one reload at a time
};

// An error JSON body, {"code": code, "message": message}.
std::string error_body(std::string_view code, std::string_view message);

// Diagnostics as a JSON array of {"severity", "file", "line", "column",
// "rule", "message", "text"} (text: Diagnostic::to_string()).
std::string diagnostics_json(const std::vector<Diagnostic>& diagnostics);

// What an Error says, one diagnostic a line, without the "error: " that
// Diagnostic::to_string() puts before a message with no place.
std::string message_of(const Error& e);

// The error body for a request body or line that is not JSON:
// "invalid_utf8" or "bad_json", with the byte where it goes wrong.
std::string unparsable_body(const Error& e);

}  // namespace parley::serve
