// Calling a Service as a transport does: an op and a JSON object.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "serve/service.hpp"

namespace parley::serve::testing {

// handle() on `request`, a JSON object whose "op" names the operation.
inline Reply call(const Service& service, std::string_view request) {
  boost::json::value v = boost::json::parse(request);
  const boost::json::object& o = v.as_object();
  return service.handle(o.at("op").as_string(), o);
}

// The "code" of a failed reply ("" for a success).
inline std::string code_of(const Reply& reply) {
  if (reply.ok) return "";
  return std::string(boost::json::parse(reply.body).at("code").as_string());
}

inline boost::json::value result_of(const Reply& reply) {
  INFO(reply.body);
  REQUIRE(reply.ok);
  return boost::json::parse(reply.body);
}

}  // namespace parley::serve::testing
