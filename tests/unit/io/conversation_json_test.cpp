#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "parley/error.hpp"
#include "parley/json.hpp"
#include "unit/io/random_conversation.hpp"

using parley::BuyerProfile;
using parley::Conversation;
using parley::Money;
using parley::Turn;

namespace {

void check_same(const Conversation& a, const Conversation& b) {
  CHECK(a.product_id == b.product_id);
  CHECK(a.cart == b.cart);
  CHECK(a.offer == b.offer);
  CHECK(a.concessions == b.concessions);
  CHECK(a.holds == b.holds);
  CHECK(a.last_step == b.last_step);
  CHECK(a.buyer_best == b.buyer_best);
  CHECK(a.extras_granted == b.extras_granted);
  CHECK(a.extras_cost == b.extras_cost);
  CHECK(a.round == b.round);
  CHECK(a.stage == b.stage);
  CHECK(a.topic_counts == b.topic_counts);
  CHECK(a.buyer.credit == b.buyer.credit);
  CHECK(a.buyer.good_rate_given == b.buyer.good_rate_given);
  CHECK(a.buyer.good_rate_received == b.buyer.good_rate_received);
  CHECK(a.buyer.member == b.buyer.member);
  CHECK(a.buyer.vip == b.buyer.vip);
  CHECK(a.buyer.coupon_claimed == b.buyer.coupon_claimed);
  CHECK(a.buyer.orders == b.buyer.orders);
  CHECK(a.buyer.total_spent == b.buyer.total_spent);
  CHECK(a.buyer.last_order_days == b.buyer.last_order_days);
  CHECK(a.buyer.groups == b.buyer.groups);
  CHECK(a.buyer.notes == b.buyer.notes);
  CHECK(a.facts == b.facts);
  REQUIRE(a.history.size() == b.history.size());
  for (std::size_t i = 0; i < a.history.size(); ++i) {
    CHECK(a.history[i].speaker == b.history[i].speaker);
    CHECK(a.history[i].text == b.history[i].text);
    CHECK(a.history[i].rule_id == b.history[i].rule_id);
    CHECK(a.history[i].offer == b.history[i].offer);
  }
  CHECK(a.earlier == b.earlier);
  CHECK(a.seed == b.seed);
}

// The message of the Error that parsing `json` throws, or "" when none.
std::string error_of(std::string_view json) {
  try {
    parley::conversation_from_json(json);
  } catch (const parley::Error& e) {
    return e.diagnostics().front().message;
  }
  return "";
}

std::string buyer_error_of(std::string_view json) {
  try {
    parley::buyer_profile_from_json(json);
  } catch (const parley::Error& e) {
    return e.diagnostics().front().message;
  }
  return "";
}

}  // namespace

TEST_CASE("A conversation reads back as it was written") {
  Conversation c;
  c.product_id = "pdu-4000w";
  c.cart = {{"pdu-4000w", 1}, {"转换插座", 2}};
  c.offer = Money::from_yuan(150.5);
  c.concessions = 2;
  c.holds = 1;
  c.last_step = Money::from_fen(500);
  c.buyer_best = Money::from_yuan(140);
  c.extras_granted = {"free_shipping"};
  c.extras_cost = Money::from_fen(1000);
  c.round = 3;
  c.stage = parley::Stage::bargaining;
  c.topic_counts = {{"功率", 2}};
  c.buyer.credit = "3钻";
  c.buyer.good_rate_given = 0.98;
  c.buyer.member = true;
  c.buyer.orders = 4;
  c.buyer.total_spent = 812.4;
  c.buyer.last_order_days = 30;
  c.buyer.groups = {"老客户"};
  c.buyer.notes = "说话\"直接\"\\";
  c.facts = {{"order_paid", true}, {"parcel_days", 2.5}, {"status", std::string("已发货")}};
  c.history = {{Turn::Speaker::buyer, "太贵了", "", std::nullopt},
               {Turn::Speaker::seller, "给您150.5", "step-down", Money::from_yuan(150.5)}};
  c.seed = 18446744073709551615ull;

  const std::string json = parley::to_json(c);
  CHECK(json ==
        R"({"version":2,"product":"pdu-4000w","cart":{"pdu-4000w":1,"转换插座":2},"offer":150.5,)"
        R"("concessions":2,"holds":1,"last_step":5,"buyer_best":140,"extras_granted":["free_shipping"],)"
        R"("extras_cost":10,"round":3,"stage":"bargaining","topic_counts":{"功率":2},)"
        R"("buyer":{"credit":"3钻","good_rate_given":0.98,"good_rate_received":1,"member":true,)"
        R"("vip":false,"coupon_claimed":false,"orders":4,"total_spent":812.4,"last_order_days":30,)"
        R"("groups":["老客户"],"notes":"说话\"直接\"\\"},)"
        R"("facts":{"order_paid":true,"parcel_days":2.5,"status":"已发货"},)"
        R"("history":[{"speaker":"buyer","text":"太贵了","rule":"","offer":null},)"
        R"({"speaker":"seller","text":"给您150.5","rule":"step-down","offer":150.5}],)"
        R"("said":{"value_arguments":0,"points":[],"rules_sent":{},"recent_texts":[]},"parked":{},)"
        R"("seed":"18446744073709551615"})");
  check_same(parley::conversation_from_json(json), c);
}

TEST_CASE("Random conversations survive the round trip exactly") {
  parley::testing_io::RandomConversation random(20261122);
  for (int i = 0; i < 2000; ++i) {
    const Conversation c = random.conversation();
    const std::string json = parley::to_json(c);
    CAPTURE(json);
    const Conversation back = parley::conversation_from_json(json);
    check_same(back, c);
    CHECK(parley::to_json(back) == json);
  }
}

TEST_CASE("Numbers read back to the same double, even where Boost.JSON's own reading is off") {
  for (double d : {4.1805319239779094e+299, -3.3360193314414797e-301, 0.1, 1e-7, 2.5e-308,
                   1.7976931348623157e308, 9007199254740993.0, 0.5870829596844048}) {
    Conversation c;
    c.facts["x"] = d;
    CHECK(std::get<double>(parley::conversation_from_json(parley::to_json(c)).facts.at("x")) == d);
  }
}

TEST_CASE("Control characters are escaped, other characters written as they are") {
  Conversation c;
  static constexpr char kNotes[] = "a\x01\n\t\"\\\0b😀";
  c.buyer.notes = std::string(kNotes, sizeof kNotes - 1);
  const std::string json = parley::to_json(c);
  CHECK(json.find(R"("notes":"a\u0001\n\t\"\\\u0000b😀")") != std::string::npos);
}

TEST_CASE("Missing keys take their defaults") {
  const Conversation c = parley::conversation_from_json(R"({"product":"pdu-4000w"})");
  CHECK(c.product_id == "pdu-4000w");
  CHECK(c.stage == parley::Stage::open);
  CHECK(!c.offer);
  CHECK(c.buyer.good_rate_given == 1.0);
  CHECK(c.buyer.last_order_days == -1);
  CHECK(c.seed == 0);
  CHECK(parley::conversation_from_json("{}").history.empty());
  const Conversation turn = parley::conversation_from_json(R"({"history":[{"speaker":"seller"}]})");
  REQUIRE(turn.history.size() == 1);
  CHECK(turn.history[0].speaker == Turn::Speaker::seller);
  CHECK(turn.history[0].text.empty());
  CHECK(!turn.history[0].offer);
}

TEST_CASE("Money is yuan in JSON, fen inside, rounded to the nearest fen") {
  auto offer_of = [](std::string_view number) {
    return parley::conversation_from_json(R"({"offer":)" + std::string(number) + "}").offer->fen();
  };
  CHECK(offer_of("150") == 15000);
  CHECK(offer_of("150.5") == 15050);
  CHECK(offer_of("150.05") == 15005);
  CHECK(offer_of("0.07") == 7);
  CHECK(offer_of("1.5e2") == 15000);
  CHECK(offer_of("9999999999.99") == 999999999999);
  CHECK(offer_of("999999999999.99") == 99999999999999);
  CHECK(offer_of("150.506") == 15051);  // a third decimal rounds
  CHECK(offer_of("150.004") == 15000);
  CHECK(offer_of("-0.001") == 0);       // rounds to 0, which is allowed
}

TEST_CASE("Seeds are exact over the whole uint64 range, as strings or numbers") {
  auto seed_of = [](std::string_view value) {
    return parley::conversation_from_json(R"({"seed":)" + std::string(value) + "}").seed;
  };
  CHECK(seed_of(R"("18446744073709551615")") == 18446744073709551615ull);
  CHECK(seed_of("18446744073709551615") == 18446744073709551615ull);
  CHECK(seed_of(R"("9007199254740993")") == 9007199254740993ull);
  CHECK(seed_of("42") == 42);
  CHECK(seed_of(R"("0")") == 0);
}

TEST_CASE("Malformed documents are errors that say where") {
  CHECK(error_of("") == "invalid JSON at byte 0: incomplete JSON");
  CHECK(error_of("{\"offer\": 1,}").find("invalid JSON at byte 12") == 0);
  CHECK(error_of("{} x").find("invalid JSON at byte 3") == 0);
  CHECK(error_of("{/* no */}").find("invalid JSON") == 0);
  CHECK(error_of("{\"stage\":\"ok\xff\"}") == "invalid UTF-8 at byte 12");
  CHECK(error_of(R"({"stage":"\ud800"})").find("invalid JSON") == 0);  // lone surrogate
  CHECK(error_of(std::string(100, '[') + std::string(100, ']')).find("invalid JSON") == 0);
  CHECK(error_of(R"({"offer":1,"offer":2})") == R"(invalid JSON at byte 20: duplicate key "offer")");
  CHECK(error_of(R"({"facts":{"":1,"a":2,"":3}})") ==
        R"(invalid JSON at byte 25: duplicate key "")");
  CHECK(error_of(R"({"facts":{"a\"b":1,"a\u0022b":2}})").find(R"(duplicate key "a\"b")") !=
        std::string::npos);
  CHECK(error_of(R"({"facts":{"x":{"a":1},"y":{"a":1}}})") ==
        "facts.x: expected true, false, a number or a string");  // same key, other objects
  CHECK(error_of("[]") == "document: expected an object, got an array");
  CHECK(error_of("null") == "document: expected an object, got null");
}

TEST_CASE("Version 2: what the seller said and the parked haggles round-trip; version 1 documents read as before") {
  Conversation c;
  c.product_id = "desk";
  c.said.value_arguments = 2;
  c.said.points = {"板材", "尺寸"};
  c.said.rules_sent = {{"justify-first", 1}, {"step-down", 2}};
  c.said.recent_texts = {1, 18446744073709551615ull};
  c.parked["pdu"] = {parley::Money::from_yuan(142), 1, parley::Money::from_yuan(8), parley::Money::from_yuan(130),
                     {"gift"}, parley::Money::from_yuan(4)};
  const Conversation back = parley::conversation_from_json(parley::to_json(c));
  CHECK(back.said == c.said);
  CHECK(back.parked == c.parked);
  const Conversation old = parley::conversation_from_json(R"({"version":1,"product":"pdu","holds":1})");
  CHECK(old.said == parley::SellerMemory{});
  CHECK(old.parked.empty());
  CHECK(old.holds == 1);
  CHECK(error_of(R"({"said":{"value_argument":1}})").find("did you mean \"value_arguments\"") != std::string::npos);
}

TEST_CASE("Version: absent means 1, newer is refused") {
  CHECK(error_of(R"({"version":1})") == "");
  CHECK(error_of(R"({"version":2})") == "");
  CHECK(error_of(R"({"version":3,"whatever":true})") ==
        "version: 3 is newer than this parley reads (2); upgrade parley");
  CHECK(error_of(R"({"version":0})") ==
        "version: expected a whole number from 1 to 2147483647, got 0");
  CHECK(error_of(R"({"version":"1"})") == "version: expected a whole number, got a string");
}

TEST_CASE("Wrong keys, types and values name their path") {
  CHECK(error_of(R"({"stge":"open"})") == R"(stge: unknown key (did you mean "stage"?))");
  CHECK(error_of(R"({"xyzzy":1})") == "xyzzy: unknown key");
  CHECK(error_of(R"({"buyer":{"membr":true}})") ==
        R"(buyer.membr: unknown key (did you mean "member"?))");
  CHECK(error_of(R"({"history":[{"speaker":"buyer"},{"speaker":"seller"},{"speaker":"bot"}]})") ==
        R"(history[2].speaker: expected "buyer" or "seller")");
  CHECK(error_of(R"({"history":[{"text":"hi"}]})") == "history[0].speaker: missing");
  CHECK(error_of(R"({"history":[{"speaker":"buyer","offr":1}]})") ==
        R"(history[0].offr: unknown key (did you mean "offer"?))");
  CHECK(error_of(R"({"history":{}})") == "history: expected an array, got an object");
  CHECK(error_of(R"({"offer":"150"})") == "offer: expected an amount in yuan, got a string");
  CHECK(error_of(R"({"offer":-1})") == "offer: expected an amount of at least 0");
  CHECK(error_of(R"({"history":[{"speaker":"seller","offer":-0.5}]})") ==
        "history[0].offer: expected an amount of at least 0");
  CHECK(error_of(R"({"last_step":null})") == "last_step: expected an amount in yuan, got null");
  CHECK(error_of(R"({"extras_cost":1e400})") == "extras_cost: expected a finite amount");
  CHECK(error_of(R"({"offer":1e13})") == "offer: amount out of range");
  CHECK(error_of(R"({"offer":18446744073709551615})") == "offer: amount out of range");
  CHECK(error_of(R"({"round":1.5})") == "round: expected a whole number from 0 to 2147483647");
  CHECK(error_of(R"({"round":-1})") == "round: expected a whole number from 0 to 2147483647, got -1");
  CHECK(error_of(R"({"concessions":1e10})") ==
        "concessions: expected a whole number from 0 to 2147483647, got 10000000000");
  CHECK(error_of(R"({"cart":{"a.b":-2}})") ==
        R"(cart["a.b"]: expected a whole number from 0 to 2147483647, got -2)");
  CHECK(error_of(R"({"topic_counts":{"功率":true}})") ==
        "topic_counts.功率: expected a whole number, got a boolean");
  CHECK(error_of(R"({"extras_granted":["a",1]})") ==
        "extras_granted[1]: expected a string, got a number");
  CHECK(error_of(R"({"buyer":{"good_rate_given":1.5}})") ==
        "buyer.good_rate_given: expected a number from 0 to 1, got 1.5");
  CHECK(error_of(R"({"buyer":{"last_order_days":-2}})") ==
        "buyer.last_order_days: expected a whole number from -1 to 1000000, got -2");
  CHECK(error_of(R"({"buyer":{"total_spent":-1}})") ==
        "buyer.total_spent: expected a number from 0 to 1000000000000, got -1");
  CHECK(error_of(R"({"buyer":{"vip":1}})") == "buyer.vip: expected true or false, got a number");
  CHECK(error_of(R"({"facts":{"x":null}})") ==
        "facts.x: expected true, false, a number or a string");
  CHECK(error_of(R"({"facts":{"x":[1]}})") ==
        "facts.x: expected true, false, a number or a string");
  CHECK(error_of(R"({"facts":{"x":-1e999}})") == "facts.x: expected a finite number");
  CHECK(error_of(R"({"stage":7})") == "stage: expected a string, got a number");
}

TEST_CASE("Bad seeds are errors, and inexact ones say how to write them") {
  const std::string range = "seed: expected a whole number from 0 to 18446744073709551615";
  CHECK(error_of(R"({"seed":-1})") == range);
  CHECK(error_of(R"({"seed":"-1"})") == range);
  CHECK(error_of(R"({"seed":"+1"})") == range);
  CHECK(error_of(R"({"seed":""})") == range);
  CHECK(error_of(R"({"seed":"12a"})") == range);
  CHECK(error_of(R"({"seed":"18446744073709551616"})") == range);
  CHECK(error_of(R"({"seed":1e30})") == range + " (write it as a string to keep it exact)");
  CHECK(error_of(R"({"seed":true})") == "seed: expected a whole number, got a boolean");
}

TEST_CASE("What JSON cannot carry is an error naming its path, not bad output") {
  Conversation c;
  c.history.resize(2);
  c.history[1].text = "ok\xc3";
  CHECK_THROWS_WITH_AS(parley::to_json(c), "error: history[1].text: invalid UTF-8 at byte 2",
                       parley::Error);
  c.history[1].text = "ok";
  c.facts["nan"] = std::nan("");
  CHECK_THROWS_WITH_AS(parley::to_json(c), "error: facts.nan: not a finite number", parley::Error);
  c.facts.clear();
  c.cart["\xff"] = 1;
  CHECK_THROWS_WITH_AS(parley::to_json(c), "error: cart[\"<invalid UTF-8>\"]: invalid UTF-8 at byte 0",
                       parley::Error);
  c.cart.clear();
  c.offer = Money::from_fen(std::numeric_limits<std::int64_t>::min());
  CHECK_THROWS_WITH_AS(parley::to_json(c), "error: offer: amount beyond what JSON carries exactly (1000000000000 yuan)",
                       parley::Error);
}

TEST_CASE("A buyer profile reads alone, strictly") {
  const BuyerProfile b = parley::buyer_profile_from_json(
      R"({"credit":"皇冠","good_rate_given":0.99,"vip":true,"orders":12,"groups":["禁止购买"],)"
      R"("last_order_days":3,"total_spent":1200.5,"notes":"爱砍价"})");
  CHECK(b.credit == "皇冠");
  CHECK(b.good_rate_given == 0.99);
  CHECK(b.good_rate_received == 1.0);
  CHECK(b.vip);
  CHECK(!b.member);
  CHECK(b.orders == 12);
  CHECK(b.groups == std::vector<std::string>{"禁止购买"});
  CHECK(b.last_order_days == 3);
  CHECK(b.total_spent == 1200.5);
  CHECK(b.notes == "爱砍价");
  CHECK(buyer_error_of(R"({"vipp":true})") == R"(vipp: unknown key (did you mean "vip"?))");
  CHECK(buyer_error_of(R"({"groups":"a"})") == "groups: expected an array, got a string");
  CHECK(buyer_error_of("[]") == "document: expected an object, got an array");
  CHECK(buyer_error_of("{") == "invalid JSON at byte 1: incomplete JSON");
}

TEST_CASE("a buyer profile alone round-trips, braces in the notes included") {
  parley::BuyerProfile b;
  b.vip = true;
  b.groups = {"禁止购买"};
  b.notes = "爱砍价 {要发票}";
  parley::BuyerProfile back = parley::buyer_profile_from_json(parley::to_json(b));
  CHECK(back.vip);
  CHECK(back.groups == b.groups);
  CHECK(back.notes == b.notes);
}
