// JSON lines: every line answered, in order, the request's id in the answer
// whenever it can be read, blank and broken lines included.
#include <doctest/doctest.h>

#include <cstdio>
#include <sstream>

#include <boost/json.hpp>

#include "serve/stdio.hpp"

namespace parley::serve {
namespace {

namespace json = boost::json;

json::object answer(const Service& service, std::string_view line) {
  const std::string text = answer_line(service, line, 4096);
  INFO(text);
  CHECK(text.find('\n') == std::string::npos);
  return json::parse(text).as_object();
}

std::string error_code(const json::object& a) {
  REQUIRE(a.contains("error"));
  return std::string(a.at("error").at("code").as_string());
}

}  // namespace

TEST_CASE("stdio: answers, errors and ids") {
  Service service(ServiceOptions{}, open_memory_store());
  json::object ok = answer(service, R"({"id":7,"op":"signals","message":"太贵了"})");
  CHECK(ok.at("id").as_int64() == 7);
  CHECK(ok.at("ok").as_bool());
  CHECK(ok.at("result").at("intents").as_array().size() >= 1);

  // A string id, and a carriage return before the newline.
  CHECK(answer(service, "{\"id\":\"a-1\",\"op\":\"version\"}\r").at("id").as_string() == "a-1");

  CHECK(error_code(answer(service, "")) == "empty_line");
  CHECK(error_code(answer(service, "   ")) == "empty_line");
  CHECK(error_code(answer(service, "not json")) == "bad_json");
  CHECK(error_code(answer(service, "[1,2]")) == "bad_request");
  CHECK(error_code(answer(service, R"({"id":1,"op":"signals","message":"x"} trailing)")) == "bad_json");
  CHECK(error_code(answer(service, R"({"id":1,"id":2,"op":"version"})")) == "bad_json");  // a key twice
  json::object no_op = answer(service, R"({"id":3})");
  CHECK(no_op.at("id").as_int64() == 3);
  CHECK(error_code(no_op) == "bad_request");
  CHECK(error_code(answer(service, R"({"id":3,"op":5})")) == "bad_request");

  // Invalid UTF-8 in the message: the id still comes back.
  json::object bad_utf8 = answer(service, "{\"id\":12,\"op\":\"signals\",\"message\":\"\xff\xfe\"}");
  CHECK(bad_utf8.at("id").as_int64() == 12);
  CHECK(error_code(bad_utf8) == "invalid_utf8");
  json::object bad_utf8_string_id = answer(service, "{\"id\":\"r9\",\"op\":\"signals\",\"message\":\"\xc0\xaf\"}");
  CHECK(bad_utf8_string_id.at("id").as_string() == "r9");

  // An id of any type comes back; one with invalid UTF-8 in it cannot.
  json::object object_id = answer(service, "{\"id\":{\"n\":[1,\"x\"]},\"op\":\"signals\",\"message\":\"\xff\"}");
  CHECK(json::serialize(object_id.at("id")) == R"({"n":[1,"x"]})");
  CHECK(error_code(object_id) == "invalid_utf8");
  json::object bad_id = answer(service, "{\"id\":\"r\xff\",\"op\":\"signals\",\"message\":\"x\"}");
  CHECK_FALSE(bad_id.contains("id"));
  CHECK(error_code(bad_id) == "invalid_utf8");

  // A key twice anywhere in the request is refused, as --state and the C API
  // refuse it, rather than one of the two silently winning; the id comes back.
  const char* twice[] = {
      R"({"id":20,"op":"signals","message":"太贵了","message":"好的"})",
      R"({"id":20,"op":"suggest","product":"pdu","message":"太贵了","facts":{"a":1,"a":2}})",
      R"({"id":20,"op":"suggest","message":"太贵了","state":{"product":"pdu","offer":150,"offer":100}})",
      R"({"id":20,"op":"apply","op":"suggest","product":"pdu","message":"太贵了"})",
  };
  for (const char* line : twice) {
    INFO(line);
    json::object a = answer(service, line);
    CHECK(a.at("id").as_int64() == 20);
    CHECK(error_code(a) == "bad_json");
    CHECK(std::string(a.at("error").at("message").as_string()).find("duplicate key") != std::string::npos);
  }

  // Longer than the limit.
  const std::string huge = R"({"id":1,"op":"signals","message":")" + std::string(5000, 'x') + "\"}";
  CHECK(error_code(answer(service, huge)) == "too_large");
}

TEST_CASE("stdio: one answer a line, in order, blank lines too") {
  Service service(ServiceOptions{}, open_memory_store());
  std::istringstream in("{\"id\":1,\"op\":\"version\"}\n\n{\"id\":2,\"op\":\"fly\"}\nbroken\n{\"id\":3,\"op\":\"lint\",\"reply\":\"好的\"}\n");
  std::FILE* out = std::tmpfile();
  REQUIRE(out != nullptr);
  serve_lines(service, in, out, 4096);
  std::rewind(out);
  std::vector<json::object> answers;
  char buffer[8192];
  while (std::fgets(buffer, sizeof buffer, out)) answers.push_back(json::parse(buffer).as_object());
  std::fclose(out);
  REQUIRE(answers.size() == 5);
  CHECK(answers[0].at("id").as_int64() == 1);
  CHECK_FALSE(answers[1].contains("id"));
  CHECK(error_code(answers[1]) == "empty_line");
  CHECK(answers[2].at("id").as_int64() == 2);
  CHECK(error_code(answers[2]) == "unknown_op");
  CHECK(error_code(answers[3]) == "bad_json");
  CHECK(answers[4].at("id").as_int64() == 3);
  CHECK(answers[4].at("result").as_array().empty());
}

TEST_CASE("stdio: a line over the limit is answered too_large and the next one as usual") {
  Service service(ServiceOptions{}, open_memory_store());
  const std::string runaway = "{\"id\":1,\"op\":\"signals\",\"message\":\"" + std::string(100000, 'x') + "\"}";
  const std::string at_limit = "{\"id\":2,\"op\":\"lint\",\"reply\":\"" + std::string(100, 'y') + "\"}";
  std::istringstream in(runaway + "\n" + at_limit + "\r\n" + at_limit);
  std::FILE* out = std::tmpfile();
  REQUIRE(out != nullptr);
  serve_lines(service, in, out, at_limit.size());
  std::rewind(out);
  std::vector<json::object> answers;
  char buffer[8192];
  while (std::fgets(buffer, sizeof buffer, out)) answers.push_back(json::parse(buffer).as_object());
  std::fclose(out);
  REQUIRE(answers.size() == 3);
  CHECK(error_code(answers[0]) == "too_large");
  CHECK(std::string(answers[0].at("error").at("message").as_string()).find(std::to_string(runaway.size())) !=
        std::string::npos);
  CHECK(answers[1].at("id").as_int64() == 2);
  CHECK(answers[1].at("ok").as_bool());
  CHECK(answers[2].at("id").as_int64() == 2);  // the last line, without a newline
  CHECK(answers[2].at("ok").as_bool());
}

}  // namespace parley::serve
