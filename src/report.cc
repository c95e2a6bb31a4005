#include "report.h"

#include <absl/container/btree_map.h>
#include <absl/container/flat_hash_map.h>
#include <absl/strings/match.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_format.h>
#include <absl/strings/str_join.h>
#include <absl/strings/str_replace.h>

#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

namespace gtest_fx::internal {
namespace {

constexpr std::array<CaseVerdict, 4> kVerdicts = {
    CaseVerdict::kPass, CaseVerdict::kFail, CaseVerdict::kExpectedFailure,
    CaseVerdict::kSkip};

// The six tracing columns (mode x data), then one per op check.
constexpr size_t kTraceColumns = 6;
constexpr size_t kMaxColumns = kTraceColumns + kAllChecks.size();

size_t ColumnOf(const CaseRecord& record) {
  if (record.check) {
    return kTraceColumns + static_cast<size_t>(*record.check);
  }
  return static_cast<size_t>(record.mode) * 2 +
         static_cast<size_t>(record.data);
}

std::string ColumnName(size_t column) {
  if (column >= kTraceColumns) {
    return CheckName(kAllChecks[column - kTraceColumns]);
  }
  return absl::StrCat(ModeName(kAllTracingModes[column / 2]), "_",
                      DataName(kAllData[column % 2]));
}

// The op check columns appear only when some op has op checks.
size_t ColumnCount(const std::vector<CaseRecord>& records) {
  for (const CaseRecord& r : records) {
    if (r.check) return kMaxColumns;
  }
  return kTraceColumns;
}

// One row of the matrix per op, in the order the ops first ran.
struct Row {
  std::string op;
  std::array<std::optional<CaseRecord>, kMaxColumns> cells;
};

std::vector<Row> Rows(const std::vector<CaseRecord>& records) {
  std::vector<Row> rows;
  absl::flat_hash_map<std::string, size_t> index;
  for (const CaseRecord& record : records) {
    auto [it, inserted] = index.emplace(record.op, rows.size());
    if (inserted) rows.push_back(Row{record.op, {}});
    rows[it->second].cells[ColumnOf(record)] = record;
  }
  return rows;
}

std::array<std::array<int, 4>, kMaxColumns> Totals(
    const std::vector<Row>& rows) {
  std::array<std::array<int, 4>, kMaxColumns> totals{};
  for (const Row& row : rows) {
    for (size_t c = 0; c < kMaxColumns; ++c) {
      if (row.cells[c]) ++totals[c][static_cast<size_t>(row.cells[c]->verdict)];
    }
  }
  return totals;
}

// Groups non-passing cases by reason: reason -> "op (mode_data)" list.
absl::btree_map<std::string, std::vector<std::string>> ByReason(
    const std::vector<CaseRecord>& records, CaseVerdict verdict) {
  absl::btree_map<std::string, std::vector<std::string>> groups;
  for (const CaseRecord& r : records) {
    if (r.verdict != verdict) continue;
    groups[r.reason].push_back(
        absl::StrCat(r.op, " (", ColumnName(ColumnOf(r)), ")"));
  }
  return groups;
}

// Ends the last line of `out` without trailing blanks.
void TrimLine(std::string* out) {
  while (!out->empty() && out->back() == ' ') out->pop_back();
  out->push_back('\n');
}

std::string HtmlEscape(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"&", "&amp;"},
                                    {"<", "&lt;"},
                                    {">", "&gt;"},
                                    {"\"", "&quot;"},
                                    {"'", "&#39;"}});
}

std::string MarkdownEscape(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"|", "\\|"}, {"\n", " "}});
}

}  // namespace

const char* VerdictMark(CaseVerdict verdict) {
  switch (verdict) {
    case CaseVerdict::kPass:
      return "pass";
    case CaseVerdict::kFail:
      return "FAIL";
    case CaseVerdict::kExpectedFailure:
      return "xfail";
    case CaseVerdict::kSkip:
      return "skip";
  }
  return "?";
}

std::vector<CaseRecord>& RunRecords() {
  static auto* records = new std::vector<CaseRecord>();
  return *records;
}

std::string FormatMatrix(const std::vector<CaseRecord>& records) {
  std::vector<Row> rows = Rows(records);
  const size_t columns = ColumnCount(records);
  size_t width = 13;  // fits "total xfail"
  for (const Row& row : rows) width = std::max(width, row.op.size() + 2);
  std::string out =
      absl::StrFormat("[gtest_fx] result matrix: %d ops, %d cases\n",
                      rows.size(), records.size());
  absl::StrAppendFormat(&out, "%-*s", width, "op");
  static constexpr std::array<const char*, kMaxColumns> kHeaders = {
      "real/orig", "real/rand", "fake/orig", "fake/rand", "symb/orig",
      "symb/rand", "schema",    "meta",      "autograd"};
  for (size_t c = 0; c < columns; ++c) {
    absl::StrAppendFormat(&out, "%-10s", kHeaders[c]);
  }
  TrimLine(&out);
  for (const Row& row : rows) {
    absl::StrAppendFormat(&out, "%-*s", width, row.op);
    for (size_t c = 0; c < columns; ++c) {
      const auto& cell = row.cells[c];
      absl::StrAppendFormat(&out, "%-10s",
                            cell ? VerdictMark(cell->verdict) : "-");
    }
    TrimLine(&out);
  }
  const auto totals = Totals(rows);
  for (CaseVerdict verdict : kVerdicts) {
    absl::StrAppendFormat(&out, "%-*s", width,
                          absl::StrCat("total ", VerdictMark(verdict)));
    for (size_t c = 0; c < columns; ++c) {
      absl::StrAppendFormat(&out, "%-10d",
                            totals[c][static_cast<size_t>(verdict)]);
    }
    TrimLine(&out);
  }
  for (auto [verdict, title] :
       {std::pair{CaseVerdict::kFail, "failures"},
        std::pair{CaseVerdict::kExpectedFailure, "expected failures"},
        std::pair{CaseVerdict::kSkip, "skips"}}) {
    auto groups = ByReason(records, verdict);
    if (groups.empty()) continue;
    absl::StrAppend(&out, title, " by cause:\n");
    for (const auto& [reason, cases] : groups) {
      absl::StrAppendFormat(&out, "  %d x %s\n      %s\n", cases.size(), reason,
                            absl::StrJoin(cases, ", "));
    }
  }
  return out;
}

std::string ReportJson(const std::vector<CaseRecord>& records,
                       const std::set<std::string>& aten_ops) {
  nlohmann::ordered_json json;
  const size_t columns = ColumnCount(records);
  json["tool"] = "gtest_fx";
  json["columns"] = nlohmann::json::array();
  for (size_t c = 0; c < columns; ++c) {
    json["columns"].push_back(ColumnName(c));
  }
  std::vector<Row> rows = Rows(records);
  json["ops"] = nlohmann::json::array();
  for (const Row& row : rows) {
    nlohmann::ordered_json op;
    op["op"] = row.op;
    for (size_t c = 0; c < columns; ++c) {
      if (!row.cells[c]) continue;
      nlohmann::ordered_json cell;
      cell["verdict"] = VerdictMark(row.cells[c]->verdict);
      if (!row.cells[c]->reason.empty()) cell["reason"] = row.cells[c]->reason;
      op["cases"][ColumnName(c)] = cell;
    }
    json["ops"].push_back(op);
  }
  const auto totals = Totals(rows);
  for (size_t c = 0; c < columns; ++c) {
    for (CaseVerdict verdict : kVerdicts) {
      json["totals"][ColumnName(c)][VerdictMark(verdict)] =
          totals[c][static_cast<size_t>(verdict)];
    }
  }
  if (!aten_ops.empty()) json["aten_ops"] = aten_ops;
  return json.dump(2) + "\n";
}

std::string ReportMarkdown(const std::vector<CaseRecord>& records) {
  std::vector<Row> rows = Rows(records);
  const size_t columns = ColumnCount(records);
  std::string out =
      absl::StrFormat("# gtest_fx result matrix\n\n%d ops, %d cases.\n\n| op |",
                      rows.size(), records.size());
  for (size_t c = 0; c < columns; ++c) {
    absl::StrAppend(&out, " ", ColumnName(c), " |");
  }
  out += "\n|---|";
  for (size_t c = 0; c < columns; ++c) out += "---|";
  out += "\n";
  for (const Row& row : rows) {
    absl::StrAppend(&out, "| ", MarkdownEscape(row.op), " |");
    for (size_t c = 0; c < columns; ++c) {
      const auto& cell = row.cells[c];
      std::string mark = cell ? VerdictMark(cell->verdict) : "-";
      if (cell && cell->verdict == CaseVerdict::kFail) mark = "**FAIL**";
      absl::StrAppend(&out, " ", mark, " |");
    }
    out += "\n";
  }
  const auto totals = Totals(rows);
  for (CaseVerdict verdict : kVerdicts) {
    absl::StrAppend(&out, "| *total ", VerdictMark(verdict), "* |");
    for (size_t c = 0; c < columns; ++c) {
      absl::StrAppend(&out, " ", totals[c][static_cast<size_t>(verdict)], " |");
    }
    out += "\n";
  }
  bool heading = false;
  for (const Row& row : rows) {
    for (size_t c = 0; c < columns; ++c) {
      const auto& cell = row.cells[c];
      if (!cell || cell->reason.empty()) continue;
      if (!heading) {
        out += "\n## Reasons\n\n";
        heading = true;
      }
      absl::StrAppend(&out, "- `", row.op, "` ", ColumnName(c), " (",
                      VerdictMark(cell->verdict),
                      "): ", MarkdownEscape(cell->reason), "\n");
    }
  }
  return out;
}

std::string ReportHtml(const std::vector<CaseRecord>& records) {
  std::vector<Row> rows = Rows(records);
  const size_t columns = ColumnCount(records);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>gtest_fx result matrix</title>\n<style>\n"
      "body{font-family:sans-serif;margin:1.5em}\n"
      "table{border-collapse:collapse}\n"
      "th,td{border:1px solid #ccc;padding:2px 8px;text-align:center}\n"
      "td.op{text-align:left;font-family:monospace}\n"
      "td.pass{background:#c8e6c9}\ntd.FAIL{background:#ef9a9a;"
      "font-weight:bold}\ntd.xfail{background:#ffe082}\n"
      "td.skip{background:#e0e0e0}\n"
      "td[title]{cursor:help}\n</style>\n</head>\n<body>\n";
  absl::StrAppendFormat(&out,
                        "<h1>gtest_fx result matrix</h1>\n<p>%d ops, %d "
                        "cases. Hover over a cell for its reason.</p>\n",
                        rows.size(), records.size());
  out += "<table>\n<tr><th>op</th>";
  for (size_t c = 0; c < columns; ++c) {
    absl::StrAppend(&out, "<th>", ColumnName(c), "</th>");
  }
  out += "</tr>\n";
  for (const Row& row : rows) {
    absl::StrAppend(&out, "<tr><td class=\"op\">", HtmlEscape(row.op), "</td>");
    for (size_t c = 0; c < columns; ++c) {
      const auto& cell = row.cells[c];
      if (!cell) {
        out += "<td>-</td>";
        continue;
      }
      const char* mark = VerdictMark(cell->verdict);
      absl::StrAppend(&out, "<td class=\"", mark, "\"");
      if (!cell->reason.empty()) {
        absl::StrAppend(&out, " title=\"", HtmlEscape(cell->reason), "\"");
      }
      absl::StrAppend(&out, ">", mark, "</td>");
    }
    out += "</tr>\n";
  }
  const auto totals = Totals(rows);
  for (CaseVerdict verdict : kVerdicts) {
    absl::StrAppend(&out, "<tr><th>total ", VerdictMark(verdict), "</th>");
    for (size_t c = 0; c < columns; ++c) {
      absl::StrAppend(&out, "<td>", totals[c][static_cast<size_t>(verdict)],
                      "</td>");
    }
    out += "</tr>\n";
  }
  out += "</table>\n</body>\n</html>\n";
  return out;
}

absl::Status WriteReport(const std::vector<CaseRecord>& records,
                         const std::string& path,
                         const std::set<std::string>& aten_ops) {
  std::string content;
  if (absl::EndsWith(path, ".json")) {
    content = ReportJson(records, aten_ops);
  } else if (absl::EndsWith(path, ".md")) {
    content = ReportMarkdown(records);
  } else if (absl::EndsWith(path, ".html")) {
    content = ReportHtml(records);
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("[gtest_fx] report path '", path,
                     "' must end in .json, .md or .html to name the format"));
  }
  std::ofstream out(path, std::ios::trunc);
  out << content;
  out.close();
  if (!out) {
    return absl::UnavailableError(
        absl::StrCat("[gtest_fx] could not write the report to '", path, "'"));
  }
  return absl::OkStatus();
}

}  // namespace gtest_fx::internal
