// parley serve: the service for hosts in any language (docs/serve.md).
//
//   parley serve                         JSON lines on stdin and stdout
//   parley serve --http 127.0.0.1:8080   HTTP/1.1, JSON under /v1/
//
// Both modes answer the same operations through one serve::Service, keep
// stored conversations in --store, and reload the rule set on SIGHUP (and
// on request). The HTTP mode prints "listening on HOST:PORT" once it
// accepts connections (with --http HOST:0, the port the system chose).
#include <cstdio>
#include <iostream>
#include <thread>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "parley/error.hpp"
#include "serve/http.hpp"
#include "serve/service.hpp"
#include "serve/signal_watch.hpp"
#include "serve/stdio.hpp"

namespace parley::cli {
namespace {

// "HOST:PORT", "[::1]:PORT" or "PORT" (loopback).
serve::HttpOptions parse_endpoint(const std::string& text) {
  serve::HttpOptions out;
  std::string port = text;
  const std::size_t colon = text.rfind(':');
  if (colon != std::string::npos) {
    out.host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (out.host.size() >= 2 && out.host.front() == '[' && out.host.back() == ']') {
      out.host = out.host.substr(1, out.host.size() - 2);
    }
    if (out.host.empty()) out.host = "127.0.0.1";
  }
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port) > 65535) {
    throw Error("--http " + text + ": expected HOST:PORT with a port from 0 to 65535");
  }
  out.port = static_cast<unsigned short>(std::stoi(port));
  return out;
}

std::string read_token(const std::string& path) {
  std::string token = read_file(path);
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
  if (token.size() < 16) throw Error(path + ": a token should have at least 16 characters");
  return token;
}

void report(const serve::Reply& reply) {
  std::fprintf(stderr, "parley serve: reload %s: %s\n", reply.ok ? "done" : "failed", reply.body.c_str());
}

}  // namespace

int serve(int argc, char** argv) {
  po::options_description options("options");
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  options.add_options()("rules", po::value<std::string>(), "rule file or folder (default: built-in)")(
      "http", po::value<std::string>(), "serve HTTP on HOST:PORT instead of JSON lines on stdin/stdout")(
      "threads", po::value<int>()->default_value(static_cast<int>(cores)), "HTTP: threads serving requests")(
      "store", po::value<std::string>()->default_value("memory"),
      "stored conversations: memory, sqlite:PATH or redis://HOST:PORT")(
      "token-file", po::value<std::string>(), "HTTP: require 'Authorization: Bearer' with the token in FILE")(
      "max-body", po::value<std::size_t>()->default_value(1 << 20), "largest request body (or line), bytes")(
      "max-message", po::value<std::size_t>()->default_value(2000), "largest buyer message or reply, bytes")(
      "history", po::value<std::size_t>()->default_value(50), "turns a stored conversation keeps in full")(
      "timeout", po::value<double>()->default_value(30), "HTTP: seconds a request may take to arrive");
  po::variables_map vm;
  if (!parse(argc, argv, "parley serve [--rules PATH] [--http HOST:PORT] [--store SPEC] < requests.jsonl", options,
             {}, vm)) {
    return 0;
  }
  serve::ServiceOptions service_options;
  service_options.rules_path = optional_string(vm, "rules");
  service_options.max_message_bytes = vm["max-message"].as<std::size_t>();
  service_options.history_turns = std::max<std::size_t>(1, vm["history"].as<std::size_t>());
  const std::size_t max_body = vm["max-body"].as<std::size_t>();

  std::unique_ptr<serve::Store> store;
  try {
    store = serve::open_store(vm["store"].as<std::string>());
  } catch (const std::exception& e) {
    throw Error(e.what());
  }
  serve::Service service(service_options, std::move(store));

  if (!vm.count("http")) {
    serve::SignalWatch watch([&] { report(service.reload()); }, nullptr);
    serve::serve_lines(service, std::cin, stdout, max_body);
    return 0;
  }

  serve::HttpOptions http = parse_endpoint(vm["http"].as<std::string>());
  http.threads = std::max(1, vm["threads"].as<int>());
  http.max_body_bytes = max_body;
  const double timeout = vm["timeout"].as<double>();
  if (!(timeout > 0 && timeout <= 3600)) throw Error("--timeout: expected seconds from 0 to 3600");
  http.request_timeout = std::chrono::milliseconds(static_cast<long long>(timeout * 1000));
  http.idle_timeout = 2 * http.request_timeout;
  if (auto file = optional_string(vm, "token-file")) http.token = read_token(*file);
  if (!http.token && !serve::is_loopback(http.host)) {
    throw Error("--http " + http.host + ": serving beyond this machine needs --token-file");
  }
  std::unique_ptr<serve::HttpServer> server;
  try {
    server = std::make_unique<serve::HttpServer>(service, http);
  } catch (const std::exception& e) {
    throw Error("--http " + vm["http"].as<std::string>() + ": " + e.what());
  }
  serve::SignalWatch watch([&] { report(service.reload()); }, [&] { server->stop(); });
  const bool v6 = http.host.find(':') != std::string::npos;
  std::printf("listening on %s%s%s:%u\n", v6 ? "[" : "", http.host.c_str(), v6 ? "]" : "", server->port());
  std::fflush(stdout);
  server->run();
  return 0;
}

}  // namespace parley::cli
