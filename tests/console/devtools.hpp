// Headless Chromium driven through the DevTools protocol over a pipe
// (--remote-debugging-pipe: commands in on fd 3, answers out on fd 4, each
// message JSON ended by a NUL byte), so that no port is opened and nothing
// but Chromium itself is needed. One page, attached in flat mode; every
// wait is bounded; the browser is stopped by its pid.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

extern char** environ;

namespace parley::console_test {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

class Browser {
 public:
  // Starts Chromium with a fresh profile under `work` and opens a page.
  Browser(const std::string& chromium, const std::filesystem::path& work) {
    std::filesystem::create_directories(work / "profile");
    std::vector<std::string> args = {chromium,
                                     "--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--disable-background-networking",
                                     "--disable-component-update",
                                     "--disable-sync",
                                     "--no-first-run",
                                     "--disable-breakpad",
                                     "--user-data-dir=" + (work / "profile").string(),
                                     "--remote-debugging-pipe",
                                     "--hide-scrollbars",
                                     "--window-size=1280,720",
                                     "about:blank"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int in[2], out[2];  // in: we write, Chromium reads (its fd 3); out: the other way (its fd 4)
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
    const std::string log = (work / "chromium.log").string();
    // fork and exec rather than posix_spawn, for the death signal: if this
    // process dies (a crash, ctest's timeout), so does the browser.
    const pid_t parent = getpid();
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != parent) _exit(127);
      // Above 4 first, so that neither dup2 can overwrite the other's source.
      const int commands = fcntl(in[0], F_DUPFD_CLOEXEC, 10), answers = fcntl(out[1], F_DUPFD_CLOEXEC, 10);
      const int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
      const int err = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      dup2(null, 1);
      dup2(err, 2);
      dup2(commands, 3);
      dup2(answers, 4);
      execve(argv[0], argv.data(), environ);
      _exit(127);
    }
    const int rc = pid_ < 0 ? -1 : 0;
    close(in[0]);
    close(out[1]);
    to_ = in[1];
    from_ = out[0];
    if (rc != 0) throw std::runtime_error("cannot start " + chromium);
    try {
      const json::value target = call("Target.createTarget", {{"url", "about:blank"}}, false);
      const json::value attached =
          call("Target.attachToTarget", {{"targetId", target.at("targetId")}, {"flatten", true}}, false);
      session_ = std::string(attached.at("sessionId").as_string());
      call("Page.enable");
      call("Runtime.enable");
    } catch (...) {
      stop();
      throw;
    }
  }

  ~Browser() { stop(); }
  Browser(const Browser&) = delete;
  Browser& operator=(const Browser&) = delete;

  // Sends a command (to the page unless `page` is false) and returns its
  // result; throws with the protocol's error, or after `seconds`.
  json::value call(const std::string& method, json::object params = {}, bool page = true, int seconds = 30) {
    const std::int64_t id = ++last_id_;
    json::object message{{"id", id}, {"method", method}, {"params", std::move(params)}};
    if (page) message["sessionId"] = session_;
    std::string text = json::serialize(message);
    text.push_back('\0');
    for (std::size_t done = 0; done < text.size();) {
      const ssize_t n = write(to_, text.data() + done, text.size() - done);
      if (n <= 0) throw std::runtime_error("the browser's pipe is closed");
      done += static_cast<std::size_t>(n);
    }
    const auto end = Clock::now() + std::chrono::seconds(seconds);
    while (true) {
      json::value m = next(end, method);
      const json::object& o = m.as_object();
      if (const json::value* got = o.if_contains("id"); got && got->as_int64() == id) {
        if (const json::value* error = o.if_contains("error")) {
          throw std::runtime_error(method + ": " + json::serialize(*error));
        }
        return o.at("result");
      }
      if (const json::value* event = o.if_contains("method")) note_event(event->as_string(), o);
    }
  }

  // Runs JavaScript in the page (awaiting a promise) and returns its value.
  json::value eval(const std::string& expression, int seconds = 30) {
    const json::value r = call("Runtime.evaluate",
                               {{"expression", expression}, {"returnByValue", true}, {"awaitPromise", true}}, true,
                               seconds);
    if (const json::value* thrown = r.as_object().if_contains("exceptionDetails")) {
      throw std::runtime_error("the page threw on '" + expression + "': " + json::serialize(*thrown));
    }
    const json::value* value = r.at("result").as_object().if_contains("value");
    return value ? *value : json::value();
  }

  // Waits until `expression` is truthy in the page; false after `seconds`.
  bool wait_for(const std::string& expression, int seconds = 30) {
    const auto end = Clock::now() + std::chrono::seconds(seconds);
    while (Clock::now() < end) {
      const json::value v = eval("Boolean(" + expression + ")");
      if (v.is_bool() && v.as_bool()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  void navigate(const std::string& url) { call("Page.navigate", {{"url", url}}); }

  void viewport(int width, int height, bool mobile) {
    call("Emulation.setDeviceMetricsOverride",
         {{"width", width}, {"height", height}, {"deviceScaleFactor", 1}, {"mobile", mobile}});
  }

  // Types as a keyboard would: text into the focused element.
  void type(const std::string& text) { call("Input.insertText", {{"text", text}}); }

  // One key pressed and released: "Enter", or a character such as "1".
  void press(const std::string& key) {
    json::object down{{"type", "keyDown"}, {"key", key}};
    if (key == "Enter") {
      down["code"] = "Enter";
      down["windowsVirtualKeyCode"] = 13;
      down["text"] = "\r";
    } else if (key == "Escape") {
      down["code"] = "Escape";
      down["windowsVirtualKeyCode"] = 27;
    } else {
      down["text"] = key;
      if (key.size() == 1 && key[0] >= '0' && key[0] <= '9') {
        down["code"] = "Digit" + key;
        down["windowsVirtualKeyCode"] = static_cast<int>(key[0]);
      }
    }
    call("Input.dispatchKeyEvent", down);
    json::object up{{"type", "keyUp"}, {"key", key}};
    if (down.contains("code")) up["code"] = down["code"];
    if (down.contains("windowsVirtualKeyCode")) up["windowsVirtualKeyCode"] = down["windowsVirtualKeyCode"];
    call("Input.dispatchKeyEvent", up);
  }

  // A mouse click at the middle of the element `selector` names, scrolled
  // into view first, as a person would click it.
  void click(const std::string& selector) {
    const json::value box = eval("(() => { const e = document.querySelector(" + json::serialize(json::string(selector)) +
                                 "); if (!e) return null; e.scrollIntoView({block: 'center'});"
                                 " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()");
    if (!box.is_array()) throw std::runtime_error("nothing on the page matches " + selector);
    const double x = box.as_array()[0].to_number<double>(), y = box.as_array()[1].to_number<double>();
    for (const char* type : {"mousePressed", "mouseReleased"}) {
      call("Input.dispatchMouseEvent",
           {{"type", type}, {"x", x}, {"y", y}, {"button", "left"}, {"clickCount", 1}});
    }
  }

  // Sets the files of the <input type=file> `selector` names, as a file
  // picker would (the page sees a change event).
  void choose_file(const std::string& selector, const std::filesystem::path& file) {
    const json::value r = call("Runtime.evaluate",
                               {{"expression", "document.querySelector(" + json::serialize(json::string(selector)) + ")"}});
    call("DOM.setFileInputFiles",
         {{"files", json::array{file.string()}}, {"objectId", r.at("result").at("objectId")}});
  }

  // Downloads go to `folder`.
  void downloads_to(const std::filesystem::path& folder) {
    call("Browser.setDownloadBehavior", {{"behavior", "allow"}, {"downloadPath", folder.string()}}, false);
  }

  // Saves what the page shows as a PNG; returns its size in bytes.
  std::size_t screenshot(const std::filesystem::path& file) {
    const json::value r = call("Page.captureScreenshot", {{"format", "png"}});
    const std::string png = base64_decode(r.at("data").as_string());
    std::ofstream(file, std::ios::binary) << png;
    return png.size();
  }

  // Exceptions the page threw and errors it logged, so far.
  const std::vector<std::string>& page_errors() const { return errors_; }

 private:
  // Asks the browser to close, then closes its pipe (which ends it too),
  // and kills it if it has not gone within 10 s.
  void stop() {
    if (pid_ <= 0) return;
    try {
      call("Browser.close", {}, false, 5);
    } catch (const std::exception&) {
      // Gone already, or not answering: the pipe and the signals follow.
    }
    close(to_);
    int status = 0;
    bool gone = false;
    for (int i = 0; i < 100 && !gone; ++i) {
      gone = waitpid(pid_, &status, WNOHANG) == pid_;
      if (!gone && i == 50) ::kill(pid_, SIGTERM);
      if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (!gone) {
      ::kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
    close(from_);
    pid_ = -1;
    to_ = from_ = -1;
  }

  // The next message, read until its NUL; throws after `end`.
  json::value next(Clock::time_point end, const std::string& waiting_for) {
    while (true) {
      if (const auto nul = buffer_.find('\0'); nul != std::string::npos) {
        json::value m = json::parse(std::string_view(buffer_).substr(0, nul));
        buffer_.erase(0, nul + 1);
        return m;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
      pollfd p{from_, POLLIN, 0};
      if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0) {
        throw std::runtime_error("no answer from the browser to " + waiting_for + " in time");
      }
      char chunk[65536];
      const ssize_t n = read(from_, chunk, sizeof chunk);
      if (n <= 0) throw std::runtime_error("the browser closed its pipe (waiting for " + waiting_for + ")");
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  void note_event(std::string_view method, const json::object& message) {
    if (method == "Runtime.exceptionThrown") {
      errors_.push_back("exception: " + json::serialize(message.at("params").at("exceptionDetails")));
    } else if (method == "Runtime.consoleAPICalled" && message.at("params").at("type").as_string() == "error") {
      errors_.push_back("console.error: " + json::serialize(message.at("params").at("args")));
    }
  }

  static std::string base64_decode(std::string_view in) {
    auto value = [](char c) -> int {
      if (c >= 'A' && c <= 'Z') return c - 'A';
      if (c >= 'a' && c <= 'z') return c - 'a' + 26;
      if (c >= '0' && c <= '9') return c - '0' + 52;
      if (c == '+') return 62;
      if (c == '/') return 63;
      return -1;
    };
    std::string out;
    out.reserve(in.size() * 3 / 4);
    int bits = 0, acc = 0;
    for (char c : in) {
      const int v = value(c);
      if (v < 0) continue;  // '=' padding
      acc = ((acc << 6) | v) & 0xffffff;  // the last 24 bits are all a byte needs
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out.push_back(static_cast<char>((acc >> bits) & 0xff));
      }
    }
    return out;
  }

  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  std::string buffer_;
  std::string session_;
  std::int64_t last_id_ = 0;
  std::vector<std::string> errors_;
};

}  // namespace parley::console_test
