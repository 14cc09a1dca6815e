// A `parley serve --http 127.0.0.1:0` process for the tests: started with
// posix_spawn, its port read from the "listening on" line, stopped (or
// killed) by its pid. Every wait is bounded.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace parley::serve::testing {

class ServerProcess {
 public:
  explicit ServerProcess(std::vector<std::string> extra, std::string http = "127.0.0.1:0") {
    std::vector<std::string> args = {PARLEY_BINARY, "serve", "--http", http, "--threads", "2"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (rc != 0) throw std::runtime_error("cannot start " + args[0]);
    stdout_ = out[0];
    // "listening on 127.0.0.1:PORT\n", within 60 s (a loaded machine, ASan).
    std::string line;
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (line.find('\n') == std::string::npos) {
      pollfd p{stdout_, POLLIN, 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
      if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      char c;
      if (read(stdout_, &c, 1) != 1) break;
      line += c;
    }
    const std::string prefix = "listening on 127.0.0.1:";
    if (!line.starts_with(prefix)) {
      stop();
      throw std::runtime_error("the server did not start: '" + line + "'");
    }
    port_ = static_cast<unsigned short>(std::stoi(line.substr(prefix.size())));
  }

  ~ServerProcess() { stop(); }

  unsigned short port() const { return port_; }
  pid_t pid() const { return pid_; }

  void signal(int sig) const { ::kill(pid_, sig); }

  // kill -9, and wait for it to be gone.
  void kill9() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  // SIGTERM, then SIGKILL if it has not exited within 20 s. Returns the exit
  // status as waitpid gives it.
  int stop() {
    if (pid_ <= 0) return 0;
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 200; ++i) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        close(stdout_);
        return status;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill9();
    close(stdout_);
    return status;
  }

 private:
  pid_t pid_ = -1;
  int stdout_ = -1;
  unsigned short port_ = 0;
};

}  // namespace parley::serve::testing
