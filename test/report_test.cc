// The result matrix and its files, and the expectations file format.
#include "report.h"

#include <absl/strings/str_cat.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "expectations_file.h"

namespace gtest_fx::internal {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<CaseRecord> SomeRecords() {
  std::vector<CaseRecord> records;
  for (TracingMode mode : kAllTracingModes) {
    for (Data data : kAllData) {
      records.push_back(
          {"add", mode, data, CaseVerdict::kPass, "", std::nullopt});
      CaseVerdict relu = mode == TracingMode::kFake
                             ? CaseVerdict::kExpectedFailure
                             : CaseVerdict::kPass;
      records.push_back({"relu", mode, data, relu,
                         relu == CaseVerdict::kPass
                             ? ""
                             : "no Meta kernel for aten::relu in LibTorch C++",
                         std::nullopt});
    }
  }
  records.push_back({"log", TracingMode::kReal, Data::kRandomized,
                     CaseVerdict::kSkip, "needs <positive> & \"values\"",
                     std::nullopt});
  records.push_back(
      {"bad", TracingMode::kSymbolic, Data::kOriginal, CaseVerdict::kFail,
       "the replay's outputs differ from eager: output: values | differ",
       std::nullopt,
       "[gtest_fx] op 'bad': the replay's outputs differ from eager.\n"
       "  output: values differ where x < 0 && y > 1\n"
       "  rerun: ./t "
       "--gtest_filter='MakeFx/OpTest.Trace/bad_symbolic_original'"});
  return records;
}

// The records as one run numbers them: a position per case, in order.
std::vector<CaseRecord> NumberedRecords() {
  std::vector<CaseRecord> records = SomeRecords();
  for (size_t i = 0; i < records.size(); ++i) {
    records[i].position = static_cast<int>(i) + 3;
  }
  return records;
}

constexpr char kNoMetaBackward[] =
    "no Meta kernel for aten::threshold_backward";
constexpr char kGradsDiffer[] = "the gradients differ from eager mode";

// SomeRecords() and gradient cases: add passes them all; relu expects its
// fake ones to fail, and its symbolic ones differ between the data variants
// (original passes, randomized fails); log skips one of its real ones.
std::vector<CaseRecord> GradRecords() {
  std::vector<CaseRecord> records = SomeRecords();
  for (TracingMode mode : kAllTracingModes) {
    for (Data data : kAllData) {
      CaseRecord add{"add", mode, data, CaseVerdict::kPass, "", std::nullopt};
      add.grad = true;
      records.push_back(add);
      CaseRecord relu{"relu", mode, data, CaseVerdict::kPass, "", std::nullopt};
      relu.grad = true;
      if (mode == TracingMode::kFake) {
        relu.verdict = CaseVerdict::kExpectedFailure;
        relu.reason = kNoMetaBackward;
        relu.message = "[gtest_fx] op 'relu': no Meta kernel";
      } else if (mode == TracingMode::kSymbolic && data == Data::kRandomized) {
        relu.verdict = CaseVerdict::kFail;
        relu.reason = kGradsDiffer;
        relu.message =
            "[gtest_fx] op 'relu': the gradients differ where x < 0\n"
            "  rerun: ./t "
            "--gtest_filter='MakeFx/OpGradTest.Grad/relu_symbolic_randomized'";
      }
      records.push_back(relu);
    }
  }
  CaseRecord log{"log",
                 TracingMode::kReal,
                 Data::kOriginal,
                 CaseVerdict::kSkip,
                 "no sample needs a gradient",
                 std::nullopt};
  log.grad = true;
  records.push_back(log);
  log.data = Data::kRandomized;
  log.verdict = CaseVerdict::kPass;
  log.reason = "";
  records.push_back(log);
  return records;
}

// Returns `records` numbered as one run numbers them.
std::vector<CaseRecord> Numbered(std::vector<CaseRecord> records) {
  for (size_t i = 0; i < records.size(); ++i) {
    records[i].position = static_cast<int>(i) + 3;
  }
  return records;
}

TEST(Matrix, HasARowPerOpAColumnPerCaseAndTotals) {
  const std::string matrix = FormatMatrix(SomeRecords());
  EXPECT_THAT(matrix, HasSubstr("[gtest_fx] result matrix: 4 ops, 14 cases"));
  EXPECT_THAT(matrix,
              HasSubstr("real/orig real/rand fake/orig fake/rand symb/orig "
                        "symb/rand\n"));
  EXPECT_THAT(matrix,
              HasSubstr("relu         pass      pass      xfail     xfail"
                        "     pass      pass\n"));
  EXPECT_THAT(matrix, HasSubstr("log          -         skip      -"));
  EXPECT_THAT(matrix,
              HasSubstr("total xfail  0         0         1         1"));
  EXPECT_THAT(
      matrix,
      AllOf(HasSubstr("expected failures by cause:\n  2 x no Meta "
                      "kernel for aten::relu in LibTorch C++\n      "
                      "relu (fake_original), relu (fake_randomized)"),
            HasSubstr("failures by cause:"), HasSubstr("skips by cause:")));
  EXPECT_THAT(matrix, Not(HasSubstr(" \n")));
}

TEST(Reports, JsonHoldsEveryCaseWithVerdictReasonAndTotals) {
  nlohmann::json json = nlohmann::json::parse(ReportJson(SomeRecords()));
  EXPECT_EQ(json["tool"], "gtest_fx");
  ASSERT_EQ(json["ops"].size(), 4u);
  EXPECT_EQ(json["ops"][1]["op"], "relu");
  EXPECT_EQ(json["ops"][1]["cases"]["fake_randomized"]["verdict"], "xfail");
  EXPECT_EQ(json["ops"][1]["cases"]["fake_randomized"]["reason"],
            "no Meta kernel for aten::relu in LibTorch C++");
  EXPECT_FALSE(json["ops"][1]["cases"]["real_original"].contains("reason"));
  EXPECT_EQ(json["totals"]["fake_original"]["xfail"], 1);
  EXPECT_EQ(json["totals"]["symbolic_original"]["FAIL"], 1);
  EXPECT_EQ(json["totals"]["real_randomized"]["skip"], 1);
  EXPECT_EQ(json["totals"]["real_original"]["pass"], 2);
  // A failure keeps its whole message; no position or shard was given.
  EXPECT_THAT(json["ops"][3]["cases"]["symbolic_original"]["message"]
                  .get<std::string>(),
              AllOf(HasSubstr("x < 0 && y > 1\n  rerun: ")));
  EXPECT_FALSE(json["ops"][0].contains("position"));
  EXPECT_FALSE(json.contains("shard"));
}

TEST(Reports, JsonRecordsPositionsAndTheShardAndReadsBack) {
  const std::vector<CaseRecord> records = NumberedRecords();
  const std::string text =
      ReportJson(records, {"aten::add", "aten::relu"}, Shard{1, 3});
  nlohmann::json json = nlohmann::json::parse(text);
  EXPECT_EQ(json["shard"], nlohmann::json({{"index", 1}, {"total", 3}}));
  EXPECT_EQ(json["ops"][1]["position"], 4);  // relu's first case
  absl::StatusOr<ParsedReport> parsed = ParseReportJson(text, "r.json");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->records.size(), records.size());
  ASSERT_TRUE(parsed->shard.has_value());
  EXPECT_EQ(parsed->shard->index, 1);
  EXPECT_EQ(parsed->shard->total, 3);
  EXPECT_EQ(parsed->aten_ops,
            (std::set<std::string>{"aten::add", "aten::relu"}));
  EXPECT_EQ(ReportJson(parsed->records, parsed->aten_ops, parsed->shard), text);
}

TEST(Reports, OnlyGtestFxJsonReportsAreRead) {
  EXPECT_THAT(ParseReportJson("not json", "a.txt").status().message(),
              AllOf(HasSubstr("[gtest_fx] 'a.txt' is not a gtest_fx JSON "
                              "report"),
                    HasSubstr("parse error")));
  EXPECT_THAT(
      ParseReportJson(R"({"testsuites": []})", "gtest.json").status().message(),
      HasSubstr("it has no \"tool\": \"gtest_fx\""));
  EXPECT_THAT(
      ParseReportJson(R"({"tool": "gtest_fx", "ops": [{"op": "add",
          "cases": {"real_sideways": {"verdict": "pass"}}}]})",
                      "r.json")
          .status()
          .message(),
      HasSubstr("op 'add' has an unknown case 'real_sideways' (a case is "
                "<mode>_<data>, grad_<mode>_<data> or an op check's name)"));
  EXPECT_THAT(ParseReportJson(R"({"tool": "gtest_fx", "ops": [{"op": "add",
          "cases": {"real_original": {"verdict": "meh"}}}]})",
                              "r.json")
                  .status()
                  .message(),
              HasSubstr("unknown verdict 'meh'"));
}

// Splits `records` as GoogleTest's sharding does: case i to shard i % total.
std::vector<std::pair<std::string, ParsedReport>> Shards(
    const std::vector<CaseRecord>& records, int total) {
  std::vector<std::pair<std::string, ParsedReport>> shards;
  for (int i = 0; i < total; ++i) {
    ParsedReport report;
    report.shard = Shard{i, total};
    for (size_t j = i; j < records.size(); j += total) {
      report.records.push_back(records[j]);
    }
    shards.emplace_back("shard" + std::to_string(i) + ".json",
                        std::move(report));
  }
  return shards;
}

TEST(MergeReports, ShardsMergeIntoTheReportOfOneRun) {
  const std::vector<CaseRecord> records = NumberedRecords();
  auto shards = Shards(records, 3);
  // Through their JSON, as the merge reads them.
  for (auto& [name, report] : shards) {
    auto parsed = ParseReportJson(
        ReportJson(report.records, {"aten::" + name}, report.shard), name);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    report = *std::move(parsed);
  }
  std::swap(shards[0], shards[2]);  // the order of the files does not matter
  absl::StatusOr<MergedReport> merged = MergeReports(shards);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_THAT(merged->warnings, ::testing::IsEmpty());
  EXPECT_EQ(merged->aten_ops,
            (std::set<std::string>{"aten::shard0.json", "aten::shard1.json",
                                   "aten::shard2.json"}));
  EXPECT_EQ(ReportJson(merged->records), ReportJson(records));
  EXPECT_EQ(FormatMatrix(merged->records), FormatMatrix(records));
  EXPECT_EQ(ReportHtml(merged->records), ReportHtml(records));
}

TEST(MergeReports, AMissingShardIsAWarning) {
  auto shards = Shards(NumberedRecords(), 4);
  shards.erase(shards.begin() + 1, shards.begin() + 3);
  absl::StatusOr<MergedReport> merged = MergeReports(shards);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_THAT(merged->warnings,
              ::testing::ElementsAre(
                  "no report of shards 1, 2 of 4 (GTEST_SHARD_INDEX=1, 2): "
                  "their cases are missing from the merged matrix"));
  shards = Shards(NumberedRecords(), 2);
  shards[1].second.shard = Shard{1, 3};
  merged = MergeReports(shards);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_THAT(merged->warnings,
              ::testing::ElementsAre(
                  HasSubstr("different shardings (shard0.json is shard 0 of 2, "
                            "shard1.json is shard 1 of 3)")));
}

TEST(MergeReports, ACaseInTwoReportsIsAnErrorNamingBothAndTheCase) {
  auto shards = Shards(NumberedRecords(), 2);
  shards.push_back(shards[0]);
  shards.back().first = "again.json";
  absl::Status overlap = MergeReports(shards).status();
  EXPECT_THAT(overlap.message(),
              AllOf(HasSubstr("[gtest_fx] cannot merge overlapping shards"),
                    HasSubstr("overlapping: shard0.json and again.json both "
                              "hold 7 case(s), e.g. "
                              "MakeFx/OpTest.Trace/add_real_original (pass in "
                              "both)"),
                    HasSubstr("its own GTEST_SHARD_INDEX")));
  shards.back().second.records[0].verdict = CaseVerdict::kFail;
  absl::Status conflict = MergeReports(shards).status();
  EXPECT_THAT(conflict.message(),
              AllOf(HasSubstr("[gtest_fx] cannot merge conflicting shards"),
                    HasSubstr("conflicting: shard0.json and again.json "
                              "disagree on 1 case(s), e.g. "
                              "MakeFx/OpTest.Trace/add_real_original is pass "
                              "in shard0.json but FAIL in again.json"),
                    HasSubstr("overlapping: shard0.json and again.json both "
                              "hold 6 case(s)")));
}

TEST(Reports, MarkdownIsATableWithReasons) {
  const std::string md = ReportMarkdown(SomeRecords());
  EXPECT_THAT(md, AllOf(HasSubstr("| op | real_original | real_randomized | "
                                  "fake_original |"),
                        HasSubstr("| relu | pass | pass | xfail | xfail | pass "
                                  "| pass |"),
                        HasSubstr("| bad | - | - | - | - | **FAIL** | - |"),
                        HasSubstr("| *total xfail* | 0 | 0 | 1 | 1 | 0 | 0 |"),
                        HasSubstr("- `relu` fake_original (xfail): no Meta "
                                  "kernel for aten::relu in LibTorch C++"),
                        HasSubstr("values \\| differ")));
}

TEST(Reports, HtmlIsOneSelfContainedPage) {
  std::vector<CaseRecord> records = SomeRecords();
  records.push_back({"relu", TracingMode::kReal, Data::kOriginal,
                     CaseVerdict::kFail,
                     std::string(kUnexpectedPassReason) + "no Meta kernel",
                     gtest_fx::Check::kMetaKernel, "it passed"});
  const std::string html = ReportHtml(records);
  EXPECT_THAT(
      html,
      AllOf(HasSubstr("<!DOCTYPE html>"), HasSubstr("<style>"),
            HasSubstr("<p>4 ops, 15 cases: 10 pass, 2 FAIL, 2 xfail, 1 "
                      "skip.</p>"),
            // At the top: what needs attention, then the totals.
            HasSubstr("<h3>1 failure, by cause</h3>"),
            HasSubstr("<h3>1 unexpected pass</h3>"),
            HasSubstr("<a href=\"#verdict=FAIL\">FAIL</a></th><td>0</td>"),
            // The header row and the op column stay in view.
            HasSubstr("#matrix thead th{position:sticky;top:0"),
            HasSubstr("#matrix .op{position:sticky;left:0"),
            // A cell: coloured, its reason on hover, a link to its message.
            HasSubstr("<td class=\"xfail\" data-col=\"fake_original\" "
                      "title=\"no Meta kernel for aten::relu in LibTorch "
                      "C++\"><a href=\"#case-1-2\">xfail</a></td>"),
            HasSubstr("<th class=\"check\">MetaKernel</th>"),
            HasSubstr("title=\"needs &lt;positive&gt; &amp; "
                      "&quot;values&quot;\""),
            // Every message, escaped.
            HasSubstr("<div class=\"case\" id=\"case-3-4\">\n<h3>"
                      "MakeFx/OpTest.Trace/bad_symbolic_original: <span "
                      "class=\"FAIL\">FAIL</span></h3>"),
            HasSubstr("values differ where x &lt; 0 &amp;&amp; y &gt; 1\n  "
                      "rerun: ./t --gtest_filter=&#39;"),
            HasSubstr("<h3>OpCheck/OpTest.MetaKernel/relu: "),
            HasSubstr("<script>"), HasSubstr("id=\"search\""),
            HasSubstr("<select id=\"verdict\">")));
  EXPECT_THAT(html, Not(HasSubstr("where x < 0")));
  // Nothing is loaded from elsewhere.
  EXPECT_THAT(html, AllOf(Not(HasSubstr("src=")), Not(HasSubstr("http")),
                          Not(HasSubstr("<link")), Not(HasSubstr("@import"))));
}

TEST(Reports, ThePathNamesTheFormat) {
  EXPECT_THAT(WriteReport(SomeRecords(), "/tmp/report.txt").message(),
              HasSubstr("must end in .json, .md or .html"));
}

TEST(ExpectationsFile, RoundTripsOneLinePerCase) {
  std::vector<FileExpectation> entries = {
      {"relu", TracingMode::kFake, Data::kRandomized,
       Expectation::Kind::kExpectFailure, "no Meta kernel", std::nullopt},
      {"log_x", TracingMode::kReal, Data::kOriginal, Expectation::Kind::kSkip,
       "why", std::nullopt},
      {"my_op", TracingMode::kReal, Data::kOriginal,
       Expectation::Kind::kExpectFailure, "no Meta kernel yet",
       gtest_fx::Check::kMetaKernel}};
  const std::string text = FormatExpectations(entries, "regen-cmd");
  EXPECT_THAT(text,
              AllOf(HasSubstr("regen-cmd"),
                    HasSubstr("\n    {\"case\":\"log_x_real_original\","
                              "\"status\":\"skip\",\"reason\":\"why\"},\n"),
                    HasSubstr("\n    {\"case\":\"relu_fake_randomized\","
                              "\"status\":\"xfail\",\"reason\":\"no Meta "
                              "kernel\"}\n")));
  auto parsed = ParseExpectations(text, "f.json");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), 3u);
  // Sorted by case name; an op check's case is <Check>/<op>.
  EXPECT_EQ((*parsed)[0].op, "my_op");
  EXPECT_EQ((*parsed)[0].check, gtest_fx::Check::kMetaKernel);
  EXPECT_THAT(text, HasSubstr("{\"case\":\"MetaKernel/my_op\",\"status\":"
                              "\"xfail\",\"reason\":\"no Meta kernel yet\"}"));
  EXPECT_EQ((*parsed)[2].op, "relu");
  EXPECT_EQ((*parsed)[2].mode, TracingMode::kFake);
  EXPECT_EQ((*parsed)[2].data, Data::kRandomized);
  EXPECT_FALSE((*parsed)[2].check.has_value());
}

TEST(Matrix, HasAColumnPerOpCheckWhenARunHasOpChecks) {
  std::vector<CaseRecord> records = SomeRecords();
  EXPECT_THAT(FormatMatrix(records), Not(HasSubstr("schema")));
  records.push_back({"relu", TracingMode::kReal, Data::kOriginal,
                     CaseVerdict::kExpectedFailure, "no Meta kernel",
                     gtest_fx::Check::kMetaKernel});
  const std::string matrix = FormatMatrix(records);
  EXPECT_THAT(matrix, AllOf(HasSubstr("symb/rand schema    meta      autograd  "
                                      "gradcheck\n"),
                            HasSubstr("relu (MetaKernel)")));
  EXPECT_THAT(ReportJson(records), HasSubstr("\"MetaKernel\": {"));
}

TEST(Reports, AGradientCaseIsNamedAsTheAdapterNamesIt) {
  CaseRecord record{"relu",
                    TracingMode::kSymbolic,
                    Data::kRandomized,
                    CaseVerdict::kPass,
                    "",
                    std::nullopt};
  EXPECT_EQ(CaseTestName(record),
            "MakeFx/OpTest.Trace/relu_symbolic_randomized");
  record.grad = true;
  EXPECT_EQ(CaseTestName(record),
            "MakeFx/OpGradTest.Grad/relu_symbolic_randomized");
  record.grad = false;
  record.check = gtest_fx::Check::kGradCheck;
  EXPECT_EQ(CaseTestName(record), "OpCheck/OpTest.GradCheck/relu");
}

TEST(Matrix, HasAGradientColumnPerModeHoldingBothDataVariants) {
  const std::string matrix = FormatMatrix(GradRecords());
  EXPECT_THAT(matrix, HasSubstr("[gtest_fx] result matrix: 4 ops, 28 cases"));
  // After the tracing columns; no op check column, as no op has one.
  EXPECT_THAT(matrix, HasSubstr("symb/orig symb/rand grad/real grad/fake "
                                "grad/symb\n"));
  // A cell shows the worse of its two cases: FAIL over pass, skip over pass.
  EXPECT_THAT(matrix, AllOf(HasSubstr("relu         pass      pass      xfail"
                                      "     xfail     pass      pass      pass"
                                      "      xfail     FAIL\n"),
                            HasSubstr("log          -         skip      -"
                                      "         -         -         -"
                                      "         skip      -         -\n"),
                            HasSubstr("add          pass      pass      pass"
                                      "      pass      pass      pass      pass"
                                      "      pass      pass\n")));
  // The totals count cases: both data variants of a gradient column.
  EXPECT_THAT(matrix,
              AllOf(HasSubstr("total pass   2         2         1         1"
                              "         2         2         5         2"
                              "         3\n"),
                    HasSubstr("total FAIL   0         0         0         0"
                              "         1         0         0         0"
                              "         1\n"),
                    HasSubstr("total xfail  0         0         1         1"
                              "         0         0         0         2"
                              "         0\n"),
                    HasSubstr("total skip   0         1         0         0"
                              "         0         0         1         0"
                              "         0\n")));
  // The causes name the gradient cases as such.
  EXPECT_THAT(
      matrix,
      AllOf(
          HasSubstr(absl::StrCat("  2 x ", kNoMetaBackward,
                                 "\n      relu (grad_fake_original), relu "
                                 "(grad_fake_randomized)\n")),
          HasSubstr(absl::StrCat("  1 x ", kGradsDiffer,
                                 "\n      relu (grad_symbolic_randomized)\n")),
          HasSubstr("  1 x no sample needs a gradient\n      log "
                    "(grad_real_original)\n")));
  EXPECT_THAT(matrix, Not(HasSubstr(" \n")));
}

TEST(Matrix, TheGradCheckColumnFollowsTheGradientColumns) {
  std::vector<CaseRecord> records = GradRecords();
  records.push_back({"relu", TracingMode::kReal, Data::kOriginal,
                     CaseVerdict::kFail, "gradients differ from numerical ones",
                     gtest_fx::Check::kGradCheck});
  const std::string matrix = FormatMatrix(records);
  EXPECT_THAT(
      matrix,
      AllOf(
          HasSubstr("grad/real grad/fake grad/symb schema    meta      "
                    "autograd  gradcheck\n"),
          HasSubstr("xfail     FAIL      -         -         -         FAIL\n"),
          HasSubstr("relu (GradCheck)")));
  // An op check without gradient cases: no gradient column.
  std::vector<CaseRecord> checks = SomeRecords();
  checks.push_back(records.back());
  EXPECT_THAT(FormatMatrix(checks),
              AllOf(HasSubstr("symb/rand schema    meta      autograd  "
                              "gradcheck\n"),
                    Not(HasSubstr("grad/"))));
  const std::string html = ReportHtml(records);
  EXPECT_THAT(html, AllOf(HasSubstr("<th class=\"check\">GradCheck</th>"),
                          HasSubstr("<h3>OpCheck/OpTest.GradCheck/relu: ")));
}

TEST(Reports, JsonHoldsGradientCasesAndReadsThemBack) {
  const std::vector<CaseRecord> records = Numbered(GradRecords());
  const std::string text = ReportJson(records);
  nlohmann::json json = nlohmann::json::parse(text);
  EXPECT_EQ(json["columns"],
            nlohmann::json({"real_original", "real_randomized", "fake_original",
                            "fake_randomized", "symbolic_original",
                            "symbolic_randomized", "grad_real", "grad_fake",
                            "grad_symbolic"}));
  // Each gradient case under its own name, apart from the tracing case.
  const nlohmann::json& relu = json["ops"][1]["cases"];
  EXPECT_EQ(relu["grad_symbolic_randomized"]["verdict"], "FAIL");
  EXPECT_EQ(relu["grad_symbolic_randomized"]["reason"], kGradsDiffer);
  EXPECT_EQ(relu["grad_symbolic_original"]["verdict"], "pass");
  EXPECT_EQ(relu["symbolic_randomized"]["verdict"], "pass");
  EXPECT_EQ(relu["grad_fake_original"]["verdict"], "xfail");
  EXPECT_EQ(json["totals"]["grad_fake"]["xfail"], 2);
  EXPECT_EQ(json["totals"]["grad_real"]["pass"], 5);
  EXPECT_EQ(json["totals"]["grad_real"]["skip"], 1);

  absl::StatusOr<ParsedReport> parsed = ParseReportJson(text, "r.json");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->records.size(), records.size());
  int grad = 0;
  for (const CaseRecord& r : parsed->records) {
    if (!r.grad) continue;
    ++grad;
    EXPECT_FALSE(r.check.has_value()) << CaseTestName(r);
  }
  EXPECT_EQ(grad, 14);
  auto find = [&](const std::string& name) -> const CaseRecord* {
    for (const CaseRecord& r : parsed->records) {
      if (CaseTestName(r) == name) return &r;
    }
    return nullptr;
  };
  const CaseRecord* failing =
      find("MakeFx/OpGradTest.Grad/relu_symbolic_randomized");
  ASSERT_NE(failing, nullptr);
  EXPECT_TRUE(failing->grad);
  EXPECT_EQ(failing->mode, TracingMode::kSymbolic);
  EXPECT_EQ(failing->data, Data::kRandomized);
  EXPECT_EQ(failing->verdict, CaseVerdict::kFail);
  EXPECT_THAT(failing->message, HasSubstr("the gradients differ where x < 0"));
  EXPECT_EQ(failing->position, 4);  // as every case of relu: its row's
  const CaseRecord* trace =
      find("MakeFx/OpTest.Trace/relu_symbolic_randomized");
  ASSERT_NE(trace, nullptr);
  EXPECT_FALSE(trace->grad);
  EXPECT_EQ(trace->verdict, CaseVerdict::kPass);
  EXPECT_EQ(ReportJson(parsed->records), text);
}

TEST(Reports, MarkdownAndHtmlShowTheGradientColumns) {
  const std::vector<CaseRecord> records = GradRecords();
  const std::string md = ReportMarkdown(records);
  EXPECT_THAT(
      md,
      AllOf(HasSubstr("| symbolic_randomized | grad_real | grad_fake | "
                      "grad_symbolic |\n|---|---|---|---|---|---|---|---|"
                      "---|---|\n"),
            HasSubstr("| relu | pass | pass | xfail | xfail | pass | pass | "
                      "pass | xfail | **FAIL** |\n"),
            HasSubstr("| log | - | skip | - | - | - | - | skip | - | - |"),
            HasSubstr("| *total xfail* | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 2 | 0 "
                      "|\n"),
            HasSubstr(absl::StrCat("- `relu` grad_symbolic_randomized "
                                   "(FAIL): ",
                                   kGradsDiffer))));
  const std::string html = ReportHtml(records);
  // relu is row 1; its gradient cases' slots are 6 to 11.
  EXPECT_THAT(
      html,
      AllOf(HasSubstr("<p>4 ops, 28 cases: 20 pass, 2 FAIL, 4 xfail, 2 "
                      "skip.</p>"),
            HasSubstr("<th class=\"grad\">grad_<wbr>real</th><th "
                      "class=\"grad\">grad_<wbr>fake</th><th "
                      "class=\"grad\">grad_<wbr>symbolic</th></tr>"),
            // The worse verdict, both cases for the panel and on hover, a
            // link to the failing case's message.
            HasSubstr(absl::StrCat(
                "<td class=\"FAIL\" data-col=\"grad_symbolic\" "
                "data-cases=\"original:pass randomized:FAIL:case-1-11\" "
                "title=\"original: pass\nrandomized: FAIL: ",
                kGradsDiffer, "\"><a href=\"#case-1-11\">FAIL</a></td>")),
            HasSubstr("<td class=\"xfail\" data-col=\"grad_fake\" "
                      "data-cases=\"original:xfail:case-1-8 "
                      "randomized:xfail:case-1-9\""),
            HasSubstr("<td class=\"skip\" data-col=\"grad_real\" "
                      "data-cases=\"original:skip:case-2-6 randomized:pass\""),
            HasSubstr("<td class=\"pass\" data-col=\"grad_real\" "
                      "data-cases=\"original:pass randomized:pass\" "
                      "title=\"original: pass\nrandomized: pass\">pass</td>"),
            // Under "needs attention", the failing gradient case, linked
            // to its cell.
            HasSubstr("<a href=\"#case-1-11\" data-op=\"relu\" "
                      "data-col=\"grad_symbolic\">relu "
                      "(grad_symbolic_randomized)</a>"),
            HasSubstr("<div class=\"case\" id=\"case-1-11\">\n<h3>"
                      "MakeFx/OpGradTest.Grad/relu_symbolic_randomized: <span "
                      "class=\"FAIL\">FAIL</span></h3>"),
            HasSubstr("the gradients differ where x &lt; 0"),
            HasSubstr("A grad_&lt;mode&gt; cell holds the gradient cases")));
  // Without gradient cases, no word of them.
  EXPECT_THAT(ReportHtml(SomeRecords()),
              AllOf(Not(HasSubstr("<th class=\"grad\">")),
                    Not(HasSubstr("data-cases=\"")),
                    Not(HasSubstr("A grad_&lt;mode&gt; cell"))));
}

TEST(MergeReports, ShardsWithGradientCasesMergeIntoTheReportOfOneRun) {
  const std::vector<CaseRecord> records = Numbered(GradRecords());
  auto shards = Shards(records, 3);
  for (auto& [name, report] : shards) {
    auto parsed =
        ParseReportJson(ReportJson(report.records, {}, report.shard), name);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    report = *std::move(parsed);
  }
  absl::StatusOr<MergedReport> merged = MergeReports(shards);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(merged->records.size(), records.size());
  EXPECT_EQ(ReportJson(merged->records), ReportJson(records));
  EXPECT_EQ(FormatMatrix(merged->records), FormatMatrix(records));
  EXPECT_EQ(ReportHtml(merged->records), ReportHtml(records));
}

TEST(MergeReports, AGradientCaseAndItsTracingCaseAreDifferentCases) {
  CaseRecord trace{
      "relu", TracingMode::kFake, Data::kOriginal, CaseVerdict::kPass,
      "",     std::nullopt};
  CaseRecord grad = trace;
  grad.grad = true;
  grad.verdict = CaseVerdict::kExpectedFailure;
  grad.reason = kNoMetaBackward;
  ParsedReport a;
  a.records = {trace};
  ParsedReport b;
  b.records = {grad};
  absl::StatusOr<MergedReport> merged =
      MergeReports({{"a.json", a}, {"b.json", b}});
  ASSERT_TRUE(merged.ok()) << merged.status();
  ASSERT_EQ(merged->records.size(), 2u);
  EXPECT_FALSE(merged->records[0].grad);
  EXPECT_TRUE(merged->records[1].grad);
  // The same gradient case in two reports, with different verdicts.
  CaseRecord failing = grad;
  failing.verdict = CaseVerdict::kFail;
  failing.reason = kGradsDiffer;
  b.records.push_back(trace);  // an overlap too, agreeing
  ParsedReport c;
  c.records = {failing};
  absl::Status conflict =
      MergeReports({{"a.json", a}, {"b.json", b}, {"c.json", c}}).status();
  EXPECT_THAT(
      conflict.message(),
      AllOf(HasSubstr("[gtest_fx] cannot merge conflicting shards"),
            HasSubstr("conflicting: b.json and c.json disagree on 1 case(s), "
                      "e.g. MakeFx/OpGradTest.Grad/relu_fake_original is "
                      "xfail in b.json but FAIL in c.json"),
            HasSubstr("overlapping: a.json and b.json both hold 1 case(s), "
                      "e.g. MakeFx/OpTest.Trace/relu_fake_original (pass in "
                      "both)")));
}

TEST(ExpectationsFile, RoundTripsGradientCasesAndGradCheck) {
  auto entry = [](const std::string& op, TracingMode mode, Data data,
                  std::optional<gtest_fx::Check> check, bool grad) {
    FileExpectation e{
        op,   mode, data, Expectation::Kind::kExpectFailure, "because " + op,
        check};
    e.grad = grad;
    return e;
  };
  std::vector<FileExpectation> entries = {
      entry("relu", TracingMode::kFake, Data::kRandomized, std::nullopt,
            /*grad=*/true),
      entry("relu", TracingMode::kFake, Data::kRandomized, std::nullopt,
            /*grad=*/false),
      entry("relu", TracingMode::kReal, Data::kOriginal,
            gtest_fx::Check::kGradCheck, /*grad=*/false),
      // Names that look like one another's kind.
      entry("GradCheck", TracingMode::kSymbolic, Data::kOriginal, std::nullopt,
            /*grad=*/true),
      entry("x_real_original", TracingMode::kReal, Data::kOriginal,
            gtest_fx::Check::kGradCheck, /*grad=*/false)};
  EXPECT_EQ(FileCaseName(entries[0]), "Grad/relu_fake_randomized");
  EXPECT_EQ(FileCaseName(entries[1]), "relu_fake_randomized");
  EXPECT_EQ(FileCaseName(entries[2]), "GradCheck/relu");
  EXPECT_EQ(FileCaseName(entries[3]), "Grad/GradCheck_symbolic_original");
  EXPECT_EQ(FileCaseName(entries[4]), "GradCheck/x_real_original");
  const std::string text = FormatExpectations(entries, "regen-cmd");
  EXPECT_THAT(text, HasSubstr("\n    {\"case\":\"Grad/relu_fake_randomized\","
                              "\"status\":\"xfail\",\"reason\":\"because "
                              "relu\"},\n"));
  auto parsed = ParseExpectations(text, "f.json");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), entries.size());
  for (const FileExpectation& e : entries) {
    const std::string name = FileCaseName(e);
    auto it = std::find_if(
        parsed->begin(), parsed->end(),
        [&](const FileExpectation& p) { return FileCaseName(p) == name; });
    ASSERT_NE(it, parsed->end()) << name;
    EXPECT_EQ(it->op, e.op) << name;
    EXPECT_EQ(it->grad, e.grad) << name;
    EXPECT_EQ(it->check, e.check) << name;
    EXPECT_EQ(it->reason, e.reason) << name;
    if (!e.check) {
      EXPECT_EQ(it->mode, e.mode) << name;
      EXPECT_EQ(it->data, e.data) << name;
    }
  }
  // A gradient case's name must hold mode and data.
  EXPECT_THAT(ParseExpectations(R"({"expectations": [{"case": "Grad/relu_fake",
          "status": "xfail", "reason": "r"}]})",
                                "f.json")
                  .status()
                  .message(),
              AllOf(HasSubstr("f.json, entry 0"),
                    HasSubstr("Grad/<op>_<mode>_<data> for a gradient case")));
}

TEST(ExpectationsFile, BadEntriesAreNamed) {
  EXPECT_THAT(ParseExpectations("[]", "f.json").status().message(),
              HasSubstr("not a JSON object with an \"expectations\" array"));
  EXPECT_THAT(
      ParseExpectations(R"({"expectations": [{"case": "relu_fake", "status":
          "xfail", "reason": "r"}]})",
                        "f.json")
          .status()
          .message(),
      AllOf(HasSubstr("f.json, entry 0"), HasSubstr("<op>_<mode>_<data>")));
  EXPECT_THAT(ParseExpectations(R"({"expectations": [{"case":
          "relu_fake_original", "status": "maybe", "reason": "r"}]})",
                                "f.json")
                  .status()
                  .message(),
              HasSubstr("\"xfail\" or \"skip\""));
  EXPECT_THAT(ParseExpectations(R"({"expectations": [{"case":
          "relu_fake_original", "status": "xfail", "reason": ""}]})",
                                "f.json")
                  .status()
                  .message(),
              HasSubstr("the reason is empty"));
}

}  // namespace
}  // namespace gtest_fx::internal
