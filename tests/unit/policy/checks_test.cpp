#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "parley/policy.hpp"
#include "unit/policy/haggle.hpp"

using namespace parley;
using namespace parley::testing_policy;
using Schedule = ConcessionPolicy::Schedule;

namespace {

bool has(const std::vector<std::string>& problems, std::string_view words) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& p) { return p.find(words) != std::string::npos; });
}

}  // namespace

TEST_CASE("check_terms: sound terms have no problems") {
  ProductTerms t{yuan(199), yuan(169), yuan(10), false, {{"gift", "转换插座", yuan(6)}}};
  CHECK(check_terms(t).empty());
}

TEST_CASE("check_terms: explains each problem in a shop owner's words") {
  ProductTerms t{yuan(150), yuan(140), yuan(-5), false, {{"gift", "转换插座", yuan(60)}}};
  auto problems = check_terms(t);
  CHECK(has(problems,
            "the gift 转换插座 costs 60 yuan but the margin between list price 150 and floor 140 "
            "is only 10 yuan"));
  CHECK(has(problems, "the shipping fee is -5 yuan, but it cannot be negative"));

  t = {yuan(150), yuan(160), Money(), false, {}};
  CHECK(has(check_terms(t), "the floor 160 is above the list price 150"));

  t = {Money::from_fen(1'000'000'000'000'000), Money(), Money(), false,
       {{"gift", "a", Money()}, {"gift", "b", yuan(-1)}}};
  problems = check_terms(t);
  CHECK(has(problems, "more than the 10000000000 yuan parley handles"));
  CHECK(has(problems, "the extra 'gift' is listed twice"));
  CHECK(has(problems, "the cost of the gift b is -1 yuan"));
}

TEST_CASE("check_policy: the defaults of every schedule are sound") {
  for (Schedule s : {Schedule::geometric, Schedule::linear}) {
    ConcessionPolicy p;
    p.schedule = s;
    CHECK(check_policy(p).empty());
  }
  ConcessionPolicy p;
  p.schedule = Schedule::boulware;
  CHECK(check_policy(p).empty());
  p.schedule = Schedule::conceder;
  p.exponent = 2;
  CHECK(check_policy(p).empty());
  p.schedule = Schedule::steps;
  p.steps = yuans({20, 10, 5, 2});
  CHECK(check_policy(p).empty());
}

TEST_CASE("check_policy: finds what would break B3 or never concede") {
  ConcessionPolicy p;
  p.ratio = 1.5;
  CHECK(has(check_policy(p), "the ratio 1.5 must be above 0 and at most 1"));
  p.ratio = 0;
  CHECK(has(check_policy(p), "the ratio 0 must be above 0"));
  p.ratio = std::nan("");
  CHECK(!check_policy(p).empty());
  p.ratio = 0.5;
  p.first_step = Money();
  CHECK(has(check_policy(p), "the first step is 0 yuan"));

  p = {};
  p.schedule = Schedule::steps;
  p.steps = yuans({10, 20, 0});
  auto problems = check_policy(p);
  CHECK(has(problems, "step 2 (20 yuan) is larger than step 1 (10 yuan)"));
  CHECK(has(problems, "step 3 is 0 yuan"));
  p.steps.clear();
  CHECK(has(check_policy(p), "the steps list is empty"));

  p = {};
  p.schedule = Schedule::linear;
  p.deadline = 0;
  CHECK(has(check_policy(p), "the deadline is 0 concessions"));

  p = {};
  p.schedule = Schedule::boulware;
  p.exponent = 2;
  CHECK(has(check_policy(p), "needs an exponent below 1"));
  p.exponent = -1;
  CHECK(has(check_policy(p), "the exponent -1 must be a number above 0"));
  p.schedule = Schedule::conceder;
  p.exponent = 0.5;
  CHECK(has(check_policy(p), "needs an exponent above 1"));

  p = {};
  p.min_step = Money();
  CHECK(has(check_policy(p), "the minimum step is 0 yuan"));

  p = {};
  p.split_gap = yuan(-1);
  CHECK(has(check_policy(p), "the split gap is -1 yuan"));
}

TEST_CASE("check_promotion: finds promotions that cannot work") {
  Promotion p;
  p.id = "m300";
  p.over = yuan(300);
  p.off = yuan(30);
  CHECK(check_promotion(p).empty());
  p.off = yuan(400);
  CHECK(has(check_promotion(p), "promotion 'm300' takes off 400 yuan, more than its threshold"));

  Promotion bundle;
  bundle.id = "set";
  bundle.kind = Promotion::Kind::bundle_price;
  CHECK(has(check_promotion(bundle), "names no product"));

  Promotion half;
  half.id = "half";
  half.kind = Promotion::Kind::nth_item_discount;
  half.ratio = 1.5;
  CHECK(has(check_promotion(half), "must be between 0 and 1"));

  Promotion gift;
  gift.kind = Promotion::Kind::threshold_gift;
  auto problems = check_promotion(gift);
  CHECK(has(problems, "a promotion has no id"));
  CHECK(has(problems, "names no gift"));
}
