// The result matrix and its files, and the expectations file format.
#include "report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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
       std::nullopt});
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

TEST(Reports, HtmlIsSelfContainedWithColouredCellsAndReasonsOnHover) {
  const std::string html = ReportHtml(SomeRecords());
  EXPECT_THAT(html,
              AllOf(HasSubstr("<!DOCTYPE html>"), HasSubstr("<style>"),
                    HasSubstr("td.xfail{background:"),
                    HasSubstr("<td class=\"xfail\" title=\"no Meta kernel "
                              "for aten::relu in LibTorch C++\">xfail"
                              "</td>"),
                    HasSubstr("title=\"needs &lt;positive&gt; &amp; "
                              "&quot;values&quot;\""),
                    HasSubstr("<td class=\"FAIL\"")));
  // Nothing is loaded from elsewhere.
  EXPECT_THAT(html, AllOf(Not(HasSubstr("<script")), Not(HasSubstr("http")),
                          Not(HasSubstr("<link"))));
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
  EXPECT_THAT(matrix,
              AllOf(HasSubstr("symb/rand schema    meta      autograd\n"),
                    HasSubstr("relu (MetaKernel)")));
  EXPECT_THAT(ReportJson(records), HasSubstr("\"MetaKernel\": {"));
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
