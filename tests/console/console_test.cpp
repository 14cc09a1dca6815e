// The console page (GET / of `parley serve --http`, docs/console.md) in
// headless Chromium, the way a shop owner uses it: a real server on
// 127.0.0.1 (port 0, read back), a copy of the default rule set it can
// reload, a real browser driven through the DevTools protocol over a pipe.
// The buyer's messages are typed and sent with Enter, suggestions picked
// with the number keys and the mouse, an own reply checked before it is
// recorded; the page is compared with what the API answers for the same
// conversation; the scenario it writes passes `parley test`; screenshots
// at 1280x720, in English and at phone width go to the build folder.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <boost/json.hpp>

#include "console/devtools.hpp"
#include "serve/server_process.hpp"
#include "unit/serve/http_client.hpp"

namespace parley::console_test {
namespace {

namespace fs = std::filesystem;
using serve::testing::Client;
using serve::testing::ServerProcess;

std::string js_string(std::string_view s) { return json::serialize(json::string(s)); }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs a command, returns its exit status and what it printed.
int run(const std::string& command, std::string& output) {
  output.clear();
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  char chunk[4096];
  while (std::size_t n = std::fread(chunk, 1, sizeof chunk, pipe)) output.append(chunk, n);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The rule ids of the suggestion cards the page shows, in order.
std::vector<std::string> shown_rules(Browser& page) {
  std::vector<std::string> out;
  const json::value rules = page.eval("[...document.querySelectorAll('#suggestions .card')].map((c) => c.dataset.rule)");
  for (const json::value& v : rules.as_array()) out.emplace_back(v.as_string());
  return out;
}

std::vector<std::string> rules_of(const json::value& suggest_result) {
  std::vector<std::string> out;
  for (const json::value& s : suggest_result.at("suggestions").as_array()) out.emplace_back(s.at("rule").as_string());
  return out;
}

// What the API suggests for the page's conversation and this message.
json::value api_suggest(Client& api, Browser& page, const std::string& message) {
  const std::string state = json::serialize(page.eval("parleyConsole.state"));
  const auto r = api.post("/v1/suggest", "{\"state\":" + state + ",\"message\":" + js_string(message) + ",\"top\":9}");
  REQUIRE(r.status == 200);
  return json::parse(r.body);
}

std::int64_t turns_shown(Browser& page) {
  return page.eval("document.querySelectorAll('#turns li').length").as_int64();
}

// The buyer's message typed into its box and sent with Enter; waits for
// the suggestions (or the note that there are none).
void buyer_says(Browser& page, const std::string& message) {
  page.eval("document.getElementById('buyer-input').focus()");
  page.type(message);
  page.press("Enter");
  REQUIRE(page.wait_for("parleyConsole.pending && parleyConsole.pending.message === " + js_string(message) +
                        " && !document.getElementById('pending').hidden"));
}

}  // namespace

TEST_CASE("console: a shop owner's session in headless Chromium") {
  const fs::path work = PARLEY_CONSOLE_WORK;
  // Each subcase runs the whole case again: a fresh server, rule set and
  // browser profile; the screenshots of the others stay.
  for (const char* part : {"rules", "downloads", "profile"}) fs::remove_all(work / part);
  fs::create_directories(work / "rules");
  fs::create_directories(work / "downloads");
  for (const auto& entry : fs::directory_iterator(fs::path(PARLEY_SOURCE_DIR) / "rules")) {
    if (entry.path().extension() == ".yaml") fs::copy_file(entry.path(), work / "rules" / entry.path().filename());
  }
  ServerProcess server({"--rules", (work / "rules").string()});
  Client api(server.port());
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/";
  const json::value rules = json::parse(api.get("/v1/rules").body);

  // The page and its assets come from the binary.
  const auto index = api.get("/");
  REQUIRE(index.status == 200);
  CHECK(index.content_type == "text/html; charset=utf-8");
  CHECK(index.body.find("/console.js") != std::string::npos);
  CHECK(api.get("/console.js").content_type == "text/javascript; charset=utf-8");
  CHECK(api.get("/console.css").content_type == "text/css; charset=utf-8");

  Browser page(CHROMIUM, work);
  page.viewport(1280, 720, false);
  page.downloads_to(work / "downloads");
  page.navigate(url);
  REQUIRE(page.wait_for("window.parleyConsole && parleyConsole.ready"));

  SUBCASE("the setup and rule-set panels come from the rule set") {
    const auto& products = rules.at("products").as_array();
    CHECK(page.eval("document.querySelectorAll('#product option').length").as_int64() ==
          static_cast<std::int64_t>(products.size()));
    CHECK(page.eval("document.getElementById('product').value").as_string() == products[0].at("id").as_string());
    // Every declared fact has a field; one with declared values is a select of them.
    CHECK(page.eval("document.querySelectorAll('#facts .field').length").as_int64() ==
          static_cast<std::int64_t>(rules.at("facts").as_array().size()));
    // Each symbol fact a select of "not set" and its declared values, in order.
    std::size_t symbols = 0;
    for (const json::value& fact : rules.at("facts").as_array()) {
      if (fact.at("type").as_string() != "symbol") continue;
      ++symbols;
      std::string expected;
      for (const json::value& v : fact.at("values").as_array()) expected += "," + std::string(v.as_string());
      const std::string select = "#fact-" + std::string(fact.at("name").as_string());
      CHECK(page.eval("document.querySelector(" + js_string(select) + ").tagName").as_string() == "SELECT");
      CHECK(page.eval("[...document.querySelectorAll(" + js_string(select + " option") +
                      ")].map((o) => o.value).join(',')")
                .as_string() == expected);
    }
    CHECK(symbols > 0);  // the default rule set declares order_status and more
    for (const char* field : {"vip", "coupon_claimed", "groups", "orders"}) {
      CHECK(page.eval(std::string("Boolean(document.getElementById('buyer-") + field + "'))").as_bool());
    }
    // B1-B37, each covered one marked.
    CHECK(page.eval("document.querySelectorAll('#coverage span').length").as_int64() == 37);
    CHECK(page.eval("document.querySelectorAll('#coverage span.on').length").as_int64() ==
          static_cast<std::int64_t>(rules.at("playbook").at("covered").as_array().size()));
  }

  SUBCASE("a conversation: type, pick, own reply checked, undo, scenario, save and load") {
    // An order fact chosen from the declared values.
    page.eval("(() => { const s = document.getElementById('fact-order_status'); s.value = 'unpaid';"
              " s.dispatchEvent(new Event('change')); })()");
    CHECK(page.eval("parleyConsole.state.facts.order_status").as_string() == "unpaid");

    // Turn 1: typed, Enter; the cards are the API's suggestions for the
    // same conversation, in its order.
    const json::value first = api_suggest(api, page, "太贵了");
    buyer_says(page, "太贵了");
    REQUIRE(!first.at("suggestions").as_array().empty());
    CHECK(shown_rules(page) == rules_of(first));
    CHECK(page.eval("document.getElementById('pending-text').textContent").as_string() == "太贵了");
    CHECK(page.eval("document.querySelector('#suggestions .card .text').textContent").as_string() ==
          first.at("suggestions").at(0).at("text").as_string());
    // The why is there, folded.
    CHECK(page.eval("document.querySelectorAll('#suggestions .card details li').length").as_int64() > 0);
    CHECK_FALSE(page.eval("document.querySelector('#suggestions .card details').open").as_bool());
    CHECK(page.eval("document.activeElement.id").as_string() == "suggestions");
    // Key 1 sends the first suggestion.
    page.press("1");
    REQUIRE(page.wait_for("document.querySelectorAll('#turns li').length === 2 && !parleyConsole.pending"));
    CHECK(page.eval("document.querySelector('#turns li.buyer .bubble').textContent").as_string() == "太贵了");
    CHECK(page.eval("document.querySelector('#turns li.seller .bubble').textContent").as_string() ==
          first.at("suggestions").at(0).at("text").as_string());
    CHECK(page.eval("document.querySelector('#turns li.seller .meta').textContent").as_string().find(
              first.at("suggestions").at(0).at("rule").as_string()) != std::string::npos);
    CHECK(page.eval("document.activeElement.id").as_string() == "buyer-input");

    // Turn 2: a counter-offer; the second card sent with the mouse when
    // there is one.
    const json::value second = api_suggest(api, page, "140行吗");
    buyer_says(page, "140行吗");
    CHECK(shown_rules(page) == rules_of(second));
    const auto& options = second.at("suggestions").as_array();
    REQUIRE(!options.empty());
    const std::size_t k = options.size() >= 2 ? 2 : 1;
    page.click("#suggestions .card:nth-child(" + std::to_string(k) + ") button.send");
    REQUIRE(page.wait_for("document.querySelectorAll('#turns li').length === 4"));
    CHECK(page.eval("document.querySelectorAll('#turns li.seller .bubble')[1].textContent").as_string() ==
          options.at(k - 1).at("text").as_string());
    // The status strip shows the conversation's offer.
    const json::value offer = page.eval("parleyConsole.state.offer");
    if (!offer.is_null()) {
      std::ostringstream text;
      text << offer.to_number<double>() << "元";
      CHECK(page.eval("document.getElementById('status-offer').textContent").as_string() == text.str());
    }
    CHECK(page.eval("document.getElementById('status-cart').textContent").as_string().find("合计") !=
          std::string::npos);

    // The floor distance stays hidden until the agent asks for it.
    CHECK_FALSE(page.eval("Boolean(document.getElementById('status-floor'))").as_bool());
    page.click("#floor-toggle");
    REQUIRE(page.wait_for("document.getElementById('status-floor')"));

    // Turn 3: the agent's own reply, with an off-platform word and a price
    // below the floor: warned about, not recorded until confirmed.
    buyer_says(page, "能不能再便宜点");
    page.eval("document.getElementById('reply-input').focus()");
    page.type("加我微信，100元给你");
    page.press("Enter");
    REQUIRE(page.wait_for("!document.getElementById('reply-check').hidden"));
    const std::string warnings = std::string(page.eval("document.getElementById('reply-warnings').textContent").as_string());
    CHECK(warnings.find("微信") != std::string::npos);
    CHECK(warnings.find("低于底价") != std::string::npos);
    CHECK(turns_shown(page) == 4);
    page.screenshot(work / "console-warning-1280x720.png");
    page.click("#reply-confirm");
    REQUIRE(page.wait_for("document.querySelectorAll('#turns li').length === 6"));
    CHECK(page.eval("document.querySelectorAll('#turns li.seller .meta')[2].textContent").as_string().find("自己输入") !=
          std::string::npos);

    // Undo takes the typed reply back, and its buyer message with it.
    page.click("#undo");
    REQUIRE(page.wait_for("document.querySelectorAll('#turns li').length === 4"));

    // Turn 3 again, picked by key; then the screenshot of the console.
    buyer_says(page, "好的，我拍了");
    page.eval("document.getElementById('suggestions').focus()");
    if (page.eval("parleyConsole.pending.result.suggestions.length").as_int64() > 0) {
      page.press("1");
    } else {
      page.eval("document.getElementById('reply-input').focus()");
      page.type("好的亲，马上为您发货");
      page.press("Enter");
    }
    REQUIRE(page.wait_for("document.querySelectorAll('#turns li').length === 6"));
    buyer_says(page, "发什么快递");
    CHECK(page.screenshot(work / "console-1280x720.png") > 20000);
    // No scroll bar across at this size.
    CHECK(page.eval("document.documentElement.scrollWidth <= window.innerWidth").as_bool());
    page.click("#pending-cancel");
    REQUIRE(page.wait_for("!parleyConsole.pending"));

    // Save as scenario: the file the dialog shows passes `parley test`.
    page.click("#scenario");
    REQUIRE(page.wait_for("document.getElementById('scenario-dialog').open"));
    const std::string scenario = std::string(page.eval("document.getElementById('scenario-text').value").as_string());
    CHECK(scenario.find("product: \"pdu\"") != std::string::npos);
    CHECK(scenario.find("order_status") != std::string::npos);
    std::ofstream(work / "console-scenario.yaml") << scenario;
    std::string output;
    const int status = run(std::string(PARLEY_BINARY) + " test --rules " + (work / "rules").string() + " " +
                               (work / "console-scenario.yaml").string(),
                           output);
    INFO(scenario);
    INFO(output);
    CHECK(status == 0);
    CHECK(output.find("1 passed") != std::string::npos);
    // And it is a real test: a changed expectation fails it.
    std::string broken = std::regex_replace(scenario, std::regex("stage: [a-z_]+"), "stage: handoff");
    std::ofstream(work / "console-scenario-broken.yaml") << broken;
    CHECK(run(std::string(PARLEY_BINARY) + " test --rules " + (work / "rules").string() + " " +
                  (work / "console-scenario-broken.yaml").string(),
              output) != 0);
    page.click("#scenario-download");
    REQUIRE(page.wait_for("document.getElementById('scenario-dialog').open"));
    page.eval("document.getElementById('scenario-dialog').close()");

    // Save the conversation, restart, load it back.
    const std::string saved_state = json::serialize(page.eval("parleyConsole.state"));
    page.click("#save");
    fs::path saved;
    for (int i = 0; i < 100 && saved.empty(); ++i) {
      for (const auto& entry : fs::directory_iterator(work / "downloads")) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with("conversation-") && name.ends_with(".json")) saved = entry.path();
      }
      if (saved.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE(!saved.empty());
    CHECK(json::serialize(json::parse(read_file(saved)).at("state")) == saved_state);
    page.eval("window.confirm = () => true");
    page.click("#restart");
    REQUIRE(page.wait_for("document.querySelectorAll('#turns li').length === 0"));
    page.choose_file("#load-file", saved);
    REQUIRE(page.wait_for("document.querySelectorAll('#turns li').length === 6"));
    CHECK(json::serialize(page.eval("parleyConsole.state")) == saved_state);
    CHECK(page.eval("parleyConsole.said.length").as_int64() == 3);
  }

  SUBCASE("English labels, phone width") {
    page.click("#lang");
    REQUIRE(page.wait_for("document.getElementById('buyer-send').textContent === 'Send'"));
    CHECK(page.eval("document.documentElement.lang").as_string() == "en");
    buyer_says(page, "在吗");
    CHECK(page.screenshot(work / "console-english-1280x720.png") > 20000);
    page.click("#lang");
    REQUIRE(page.wait_for("document.getElementById('buyer-send').textContent === '发送'"));
    page.viewport(390, 844, true);
    REQUIRE(page.wait_for("window.innerWidth === 390"));
    // One column, nothing wider than the phone: the conversation, the
    // suggestions, the box to answer in, the setup, in that order.
    CHECK(page.eval("document.documentElement.scrollWidth <= 390").as_bool());
    CHECK(page.eval("['turns', 'suggest', 'buyer-form', 'setup', 'rules'].map((id) =>"
                    " document.getElementById(id).getBoundingClientRect().top)"
                    ".every((top, i, all) => i === 0 || all[i - 1] < top)")
              .as_bool());
    CHECK(page.screenshot(work / "console-phone-390x844.png") > 10000);
    page.viewport(1280, 720, false);
  }

  SUBCASE("rule set: a broken file is reported at its place, the old rules stay; then the report") {
    const fs::path file = work / "rules" / "00-shop.yaml";
    REQUIRE(fs::exists(file));
    const std::string original = read_file(file);
    std::ofstream(file, std::ios::app) << "scroe: 1\n";
    page.click("#reload");
    REQUIRE(page.wait_for("document.getElementById('reload-result').textContent.includes('旧规则')"));
    const std::string diagnostics = std::string(page.eval("document.getElementById('diagnostics').textContent").as_string());
    INFO(diagnostics);
    CHECK(std::regex_search(diagnostics, std::regex("00-shop\\.yaml:[0-9]+:[0-9]+")));
    CHECK(diagnostics.find("scroe") != std::string::npos);
    std::ofstream(file, std::ios::trunc) << original;
    page.click("#reload");
    REQUIRE(page.wait_for("document.getElementById('reload-result').textContent.includes('第 2 版')"));
    CHECK(page.eval("document.getElementById('rules-summary').textContent").as_string().find("第 2 版") !=
          std::string::npos);

    // The simulation report, one click away, small enough to be quick.
    page.eval("document.getElementById('sim-buyers').value = '8'");
    page.click("#simulate");
    REQUIRE(page.wait_for("document.getElementById('report-dialog').open", 120));
    const std::string html = std::string(page.eval("document.getElementById('report-frame').srcdoc").as_string());
    CHECK(html.find("id=\"summary\"") != std::string::npos);
    CHECK(page.eval("document.getElementById('sim-status').textContent").as_string().find("8") != std::string::npos);
    page.screenshot(work / "console-simulation-1280x720.png");
  }

  for (const std::string& e : page.page_errors()) FAIL_CHECK("the page reported: " << e);
}

}  // namespace parley::console_test
