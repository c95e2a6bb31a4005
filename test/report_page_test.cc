// The HTML report in a real browser: headless Chromium loads a generated
// page, runs its script, and the test reads the DOM it ends with.
#include <absl/strings/str_join.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "report.h"

namespace gtest_fx::internal {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

struct ProcessRun {
  int exit_code = -1;
  std::string output;  // standard output only
};

ProcessRun Run(const std::string& command) {
  ProcessRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    run.output.append(buffer.data(), n);
  }
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A name for a file of this test in the temporary directory.
std::string TempPath(const std::string& suffix) {
  return ::testing::TempDir() + "gtest_fx_page_" + std::to_string(getpid()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name() +
         suffix;
}

// The browser, or why there is none: GTEST_FX_CHROMIUM when set, else
// Debian's chromium (scripts/setup.sh installs it).
struct Browser {
  std::string path;
  std::string why_not;  // set: no browser to run
};

const Browser& FindBrowser() {
  static const Browser* browser = [] {
    auto* found = new Browser;
    std::vector<std::string> candidates = {"/usr/bin/chromium",
                                           "/usr/bin/chromium-browser"};
    if (const char* env = std::getenv("GTEST_FX_CHROMIUM"); env && *env) {
      candidates = {env};
    }
    for (const std::string& candidate : candidates) {
      if (access(candidate.c_str(), X_OK) == 0) {
        found->path = candidate;
        break;
      }
    }
    if (found->path.empty()) {
      found->why_not = "no Chromium to load the page in (looked for " +
                       absl::StrJoin(candidates, ", ") +
                       "); scripts/setup.sh installs Debian's chromium, or set "
                       "GTEST_FX_CHROMIUM to a Chromium";
      return found;
    }
    ProcessRun version =
        Run("timeout 120 " + found->path + " --version 2>&1 </dev/null");
    if (version.exit_code != 0) {
      found->why_not = found->path + " --version fails (exit code " +
                       std::to_string(version.exit_code) +
                       "): " + version.output;
    }
    return found;
  }();
  return *browser;
}

// Loads `url` in headless Chromium and returns the DOM after its scripts
// ran. Only the browser has a time limit, and a generous one: on a loaded
// machine it may take many seconds to start.
std::string DumpDom(const std::string& url) {
  const Browser& browser = FindBrowser();
  const std::string profile = TempPath("_profile");
  const std::string errors = TempPath("_stderr.txt");
  ProcessRun run =
      Run("timeout 300 " + browser.path +
          " --headless --no-sandbox --disable-gpu --disable-dev-shm-usage "
          "--no-first-run --user-data-dir=" +
          profile + " --virtual-time-budget=5000 --dump-dom '" + url + "' 2>" +
          errors + " </dev/null");
  Run("rm -rf " + profile);
  if (run.exit_code != 0 || run.output.find("</html>") == std::string::npos) {
    ADD_FAILURE() << browser.path << " exited with " << run.exit_code
                  << (run.exit_code == 124 ? " (killed after 300 s)" : "")
                  << " and printed:\n"
                  << run.output << "\nstandard error:\n"
                  << ReadFile(errors);
  }
  return run.output;
}

// Writes `html` to a file of this test and returns its file: URL.
std::string WritePage(const std::string& html) {
  const std::string path = TempPath(".html");
  std::ofstream(path) << html;
  return "file://" + path;
}

// Returns the page with `script` run after the page's own script, as a user
// would act on the loaded page.
std::string WithActions(std::string html, const std::string& script) {
  const size_t end = html.rfind("</body>");
  html.insert(end, "<script>" + script + "</script>\n");
  return html;
}

// The ops of the matrix rows that are shown, in the dumped DOM.
std::set<std::string> ShownOps(const std::string& dom) {
  std::set<std::string> ops;
  static const std::regex kRow("<tr ([^>]*)>");
  static const std::regex kOp("data-op=\"([^\"]*)\"");
  static const std::regex kHidden("(^|\\s)hidden(=|\\s|$)");
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), kRow);
       it != std::sregex_iterator(); ++it) {
    const std::string attributes = (*it)[1];
    std::smatch op;
    if (!std::regex_search(attributes, op, kOp)) continue;
    if (!std::regex_search(attributes, kHidden)) ops.insert(op[1]);
  }
  return ops;
}

// The case panel in the dumped DOM, from its opening tag to its end.
std::string Panel(const std::string& dom) {
  const size_t begin = dom.find("<aside id=\"detail\"");
  const size_t end = dom.find("</aside>", begin);
  if (begin == std::string::npos || end == std::string::npos) return "";
  return dom.substr(begin, end - begin);
}

bool PanelShown(const std::string& dom) {
  const std::string panel = Panel(dom);
  const std::string tag = panel.substr(0, panel.find('>'));
  return !panel.empty() && tag.find("hidden") == std::string::npos;
}

constexpr char kFailureMessage[] =
    "[gtest_fx] op 'bad_op': the replay's outputs differ from eager.\n"
    "  output ([3] float32): 1 of 3 elements mismatched where x < 0 && y > "
    "1\n"
    "  rerun: ./t --gtest_filter='MakeFx/OpTest.Trace/bad_op_fake_original'";

// Five ops: all passing, an expected failure (and an op check), a failure
// with a multi-line message holding '<' and '&', an unexpected pass, a skip.
std::vector<CaseRecord> PageRecords() {
  std::vector<CaseRecord> records;
  for (TracingMode mode : kAllTracingModes) {
    for (Data data : kAllData) {
      records.push_back(
          {"add", mode, data, CaseVerdict::kPass, "", std::nullopt});
      const bool fake = mode == TracingMode::kFake;
      records.push_back(
          {"relu", mode, data,
           fake ? CaseVerdict::kExpectedFailure : CaseVerdict::kPass,
           fake ? "no Meta kernel for aten::relu" : "", std::nullopt,
           fake ? "[gtest_fx] op 'relu': aten::relu has no Meta kernel" : ""});
      const bool bad = fake && data == Data::kOriginal;
      records.push_back({"bad_op", mode, data,
                         bad ? CaseVerdict::kFail : CaseVerdict::kPass,
                         bad ? "the replay's outputs differ from eager" : "",
                         std::nullopt, bad ? kFailureMessage : ""});
    }
  }
  records.push_back({"relu", TracingMode::kReal, Data::kOriginal,
                     CaseVerdict::kExpectedFailure, "no Meta kernel",
                     Check::kMetaKernel});
  records.push_back(
      {"now_fixed", TracingMode::kReal, Data::kRandomized, CaseVerdict::kFail,
       std::string(kUnexpectedPassReason) + "bakes .item() in", std::nullopt,
       "[gtest_fx] op 'now_fixed' unexpectedly passed"});
  records.push_back({"log_x", TracingMode::kReal, Data::kRandomized,
                     CaseVerdict::kSkip, "needs positive values",
                     std::nullopt});
  return records;
}

constexpr char kGradFailureMessage[] =
    "[gtest_fx] op 'bad_op': the gradients differ from eager mode where x < "
    "0\n"
    "  rerun: ./t "
    "--gtest_filter='MakeFx/OpGradTest.Grad/bad_op_real_randomized'";

// PageRecords() and gradient cases: bad_op's real ones differ between the
// data variants (original passes, randomized fails), relu's fake ones are
// expected to fail, every other one passes.
std::vector<CaseRecord> GradPageRecords() {
  std::vector<CaseRecord> records = PageRecords();
  for (const std::string op : {"add", "relu", "bad_op"}) {
    for (TracingMode mode : kAllTracingModes) {
      for (Data data : kAllData) {
        CaseRecord record{op, mode, data, CaseVerdict::kPass, "", std::nullopt};
        record.grad = true;
        if (op == "relu" && mode == TracingMode::kFake) {
          record.verdict = CaseVerdict::kExpectedFailure;
          record.reason = "no Meta kernel for aten::threshold_backward";
        } else if (op == "bad_op" && mode == TracingMode::kReal &&
                   data == Data::kRandomized) {
          record.verdict = CaseVerdict::kFail;
          record.reason = "the gradients differ from eager mode";
          record.message = kGradFailureMessage;
        }
        records.push_back(record);
      }
    }
  }
  return records;
}

// Returns the classes of the cell of `op` in `column` in the dumped DOM.
std::string CellClasses(const std::string& dom, const std::string& op,
                        const std::string& column) {
  const size_t row = dom.find("<tr data-op=\"" + op + "\"");
  if (row == std::string::npos) return "(no such row)";
  const std::string text = dom.substr(row, dom.find("</tr>", row) - row);
  const std::regex cell("<td class=\"([^\"]*)\" data-col=\"" + column + "\"");
  std::smatch match;
  if (!std::regex_search(text, match, cell)) return "(no such cell)";
  return match[1];
}

class ReportPage : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!FindBrowser().why_not.empty()) GTEST_SKIP() << FindBrowser().why_not;
  }
};

TEST_F(ReportPage, ShowsEveryRowAndNoPanelAtFirst) {
  const std::string dom = DumpDom(WritePage(ReportHtml(PageRecords())));
  EXPECT_EQ(ShownOps(dom), (std::set<std::string>{"add", "relu", "bad_op",
                                                  "now_fixed", "log_x"}));
  EXPECT_FALSE(PanelShown(dom));
  // The script ran: the controls are shown, with the count of rows.
  EXPECT_THAT(dom, AllOf(HasSubstr("<output id=\"shown\">5 of 5 ops</output>"),
                         Not(HasSubstr("<form id=\"controls\" class=\"controls"
                                       "\" role=\"search\" hidden"))));
}

TEST_F(ReportPage, FilteringByFailLeavesExactlyTheFailingRows) {
  const std::string html = ReportHtml(PageRecords());
  // From the address, as a link to the view would.
  const std::string dom = DumpDom(WritePage(html) + "#verdict=FAIL");
  EXPECT_EQ(ShownOps(dom), (std::set<std::string>{"bad_op", "now_fixed"}));
  EXPECT_THAT(dom, HasSubstr("<output id=\"shown\">2 of 5 ops</output>"));
  // From the controls, as a user would.
  const std::string acted = DumpDom(WritePage(WithActions(html, R"js(
    const verdict = document.getElementById('verdict');
    verdict.value = 'FAIL';
    verdict.dispatchEvent(new Event('change'));
    document.body.dataset.address = location.hash;
  )js")));
  EXPECT_EQ(ShownOps(acted), (std::set<std::string>{"bad_op", "now_fixed"}));
  // The view went into the address, so that it can be linked to.
  EXPECT_THAT(acted, HasSubstr("data-address=\"#verdict=FAIL\""));
}

TEST_F(ReportPage, TheSearchBoxAndTheVerdictFilterCombine) {
  const std::string dom =
      DumpDom(WritePage(WithActions(ReportHtml(PageRecords()), R"js(
    const search = document.getElementById('search');
    search.value = 'D';  // add, bad_op, now_fixed; any case
    search.dispatchEvent(new Event('input'));
    document.body.dataset.afterSearch =
        document.getElementById('shown').textContent;
    const verdict = document.getElementById('verdict');
    verdict.value = 'pass';
    verdict.dispatchEvent(new Event('change'));
  )js")));
  EXPECT_THAT(dom, HasSubstr("data-after-search=\"3 of 5 ops\""));
  EXPECT_EQ(ShownOps(dom), (std::set<std::string>{"add", "bad_op"}));
}

TEST_F(ReportPage, AClickOnACellShowsItsCasesWholeMessage) {
  const std::string html = ReportHtml(PageRecords());
  const std::string dom = DumpDom(WritePage(WithActions(html, R"js(
    const row = document.querySelector('tr[data-op="bad_op"]');
    row.querySelector('td[data-col="fake_original"]').click();
  )js")));
  ASSERT_TRUE(PanelShown(dom)) << Panel(dom);
  // The whole message, escaped, its lines kept.
  EXPECT_THAT(
      Panel(dom),
      AllOf(HasSubstr("MakeFx/OpTest.Trace/bad_op_fake_original"),
            HasSubstr("cause: the replay's outputs differ from eager"),
            HasSubstr("<pre>[gtest_fx] op 'bad_op': the replay's outputs "
                      "differ from eager.\n  output ([3] float32): 1 of 3 "
                      "elements mismatched where x &lt; 0 &amp;&amp; y &gt; "
                      "1\n  rerun: ./t "
                      "--gtest_filter='MakeFx/OpTest.Trace/"
                      "bad_op_fake_original'</pre>")));
  EXPECT_THAT(dom, HasSubstr("class=\"FAIL selected\""));
  // The same case from the address.
  const std::string linked =
      DumpDom(WritePage(html) + "#show=bad_op/fake_original");
  ASSERT_TRUE(PanelShown(linked));
  EXPECT_THAT(Panel(linked), HasSubstr("x &lt; 0 &amp;&amp; y &gt; 1"));
}

TEST_F(ReportPage, AnExpectedFailureOrASkipShowsItsReason) {
  const std::string html = ReportHtml(PageRecords());
  const std::string xfail =
      DumpDom(WritePage(html) + "#show=relu/fake_randomized");
  ASSERT_TRUE(PanelShown(xfail));
  EXPECT_THAT(Panel(xfail),
              AllOf(HasSubstr("expected to fail because: no Meta kernel for "
                              "aten::relu"),
                    HasSubstr("aten::relu has no Meta kernel</pre>")));
  const std::string skip = DumpDom(WritePage(WithActions(html, R"js(
    document.querySelector('tr[data-op="log_x"] td[data-col="real_randomized"]')
        .click();
  )js")));
  ASSERT_TRUE(PanelShown(skip));
  EXPECT_THAT(Panel(skip),
              AllOf(HasSubstr("MakeFx/OpTest.Trace/log_x_real_randomized"),
                    HasSubstr("skipped: needs positive values")));
  // An op check's case, and a passing case with nothing to say.
  const std::string check = DumpDom(WritePage(html) + "#show=relu/MetaKernel");
  EXPECT_THAT(Panel(check), HasSubstr("OpCheck/OpTest.MetaKernel/relu"));
  const std::string pass = DumpDom(WritePage(html) + "#show=add/real_original");
  EXPECT_THAT(Panel(pass),
              AllOf(HasSubstr("MakeFx/OpTest.Trace/add_real_original: pass"),
                    HasSubstr("No message: the case passed.")));
}

TEST_F(ReportPage, NeedsAttentionLinksToTheFailures) {
  const std::string dom =
      DumpDom(WritePage(WithActions(ReportHtml(PageRecords()), R"js(
    document.querySelector('.attention a[data-op="now_fixed"]').click();
  )js")));
  ASSERT_TRUE(PanelShown(dom));
  EXPECT_THAT(Panel(dom), HasSubstr("op 'now_fixed' unexpectedly passed"));
}

TEST_F(ReportPage, AClickOnAGradientCellShowsBothOfItsCases) {
  const std::string html = ReportHtml(GradPageRecords());
  const std::string dom = DumpDom(WritePage(WithActions(html, R"js(
    document.querySelector('tr[data-op="bad_op"] td[data-col="grad_real"]')
        .click();
    document.body.dataset.address = location.hash;
  )js")));
  EXPECT_THAT(dom,
              AllOf(HasSubstr("<th class=\"grad\">grad_<wbr>real</th>"),
                    HasSubstr("<th class=\"grad\">grad_<wbr>fake</th>"),
                    HasSubstr("<th class=\"grad\">grad_<wbr>symbolic</th>"),
                    HasSubstr("data-address=\"#show=bad_op%2Fgrad_real\"")));
  // The worse verdict, selected.
  EXPECT_EQ(CellClasses(dom, "bad_op", "grad_real"), "FAIL selected");
  ASSERT_TRUE(PanelShown(dom)) << Panel(dom);
  const std::string panel = Panel(dom);
  // Both cases, in the order of their data variants: the passing one by its
  // name and verdict, the failing one with its whole message.
  EXPECT_THAT(
      panel,
      AllOf(HasSubstr("MakeFx/OpGradTest.Grad/bad_op_real_original: pass"),
            HasSubstr("No message: the case passed."),
            HasSubstr("MakeFx/OpGradTest.Grad/bad_op_real_randomized: <span "
                      "class=\"FAIL\">FAIL</span>"),
            HasSubstr("cause: the gradients differ from eager mode"),
            HasSubstr("<pre>[gtest_fx] op 'bad_op': the gradients differ from "
                      "eager mode where x &lt; 0\n  rerun: ./t "
                      "--gtest_filter='MakeFx/OpGradTest.Grad/"
                      "bad_op_real_randomized'</pre>")));
  EXPECT_LT(panel.find("bad_op_real_original"),
            panel.find("bad_op_real_randomized"));
  // Not the tracing case of the same mode and data.
  EXPECT_THAT(panel, Not(HasSubstr("MakeFx/OpTest.Trace/")));
  // Two expected failures, from the address.
  const std::string linked = DumpDom(WritePage(html) + "#show=relu/grad_fake");
  ASSERT_TRUE(PanelShown(linked));
  EXPECT_THAT(
      Panel(linked),
      AllOf(HasSubstr("MakeFx/OpGradTest.Grad/relu_fake_original: <span "
                      "class=\"xfail\">xfail</span>"),
            HasSubstr("MakeFx/OpGradTest.Grad/relu_fake_randomized: <span "
                      "class=\"xfail\">xfail</span>"),
            HasSubstr("expected to fail because: no Meta kernel for "
                      "aten::threshold_backward")));
  // The failure under "needs attention" opens its cell.
  const std::string attention = DumpDom(WritePage(WithActions(html, R"js(
    document.querySelector('.attention a[data-col="grad_real"]').click();
  )js")));
  ASSERT_TRUE(PanelShown(attention));
  EXPECT_THAT(Panel(attention),
              HasSubstr("MakeFx/OpGradTest.Grad/bad_op_real_randomized"));
  EXPECT_EQ(CellClasses(attention, "bad_op", "grad_real"), "FAIL selected");
}

TEST_F(ReportPage, TheVerdictFilterSeesBothCasesOfAGradientCell) {
  const std::string html = ReportHtml(GradPageRecords());
  // bad_op's grad_real cell shows FAIL but holds a passing case too.
  const std::string pass = DumpDom(WritePage(html) + "#verdict=pass");
  EXPECT_EQ(CellClasses(pass, "bad_op", "grad_real"), "FAIL");
  EXPECT_EQ(CellClasses(pass, "bad_op", "fake_original"), "FAIL dim");
  EXPECT_EQ(CellClasses(pass, "relu", "grad_fake"), "xfail dim");
  const std::string fail = DumpDom(WritePage(html) + "#verdict=FAIL");
  EXPECT_EQ(ShownOps(fail), (std::set<std::string>{"bad_op", "now_fixed"}));
  EXPECT_EQ(CellClasses(fail, "bad_op", "grad_real"), "FAIL");
  EXPECT_EQ(CellClasses(fail, "bad_op", "grad_fake"), "pass dim");
  const std::string xfail = DumpDom(WritePage(html) + "#verdict=xfail");
  EXPECT_EQ(ShownOps(xfail), (std::set<std::string>{"relu"}));
  EXPECT_EQ(CellClasses(xfail, "relu", "grad_fake"), "xfail");
  EXPECT_EQ(CellClasses(xfail, "relu", "grad_real"), "pass dim");
}

}  // namespace
}  // namespace gtest_fx::internal
