#include "report.h"

#include <absl/container/btree_map.h>
#include <absl/container/flat_hash_map.h>
#include <absl/strings/match.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_format.h>
#include <absl/strings/str_join.h>
#include <absl/strings/str_replace.h>

#include <algorithm>
#include <array>
#include <climits>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <tuple>

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

// Returns the column named `name` by ColumnName.
std::optional<size_t> ColumnNamed(absl::string_view name) {
  for (size_t c = 0; c < kMaxColumns; ++c) {
    if (ColumnName(c) == name) return c;
  }
  return std::nullopt;
}

// One row of the matrix per op.
struct Row {
  std::string op;
  std::array<std::optional<CaseRecord>, kMaxColumns> cells;
  int position = -1;  // the least position of its cases, -1 if unknown
};

// Returns the rows by the position of their ops' first case: the order of
// one unsharded, unshuffled run. Ops of unknown position follow, in the
// order they first appear in `records`.
std::vector<Row> Rows(const std::vector<CaseRecord>& records) {
  std::vector<Row> rows;
  absl::flat_hash_map<std::string, size_t> index;
  for (const CaseRecord& record : records) {
    auto [it, inserted] = index.emplace(record.op, rows.size());
    if (inserted) rows.push_back(Row{record.op, {}});
    Row& row = rows[it->second];
    row.cells[ColumnOf(record)] = record;
    if (record.position >= 0 &&
        (row.position < 0 || record.position < row.position)) {
      row.position = record.position;
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return (a.position < 0 ? INT_MAX : a.position) <
           (b.position < 0 ? INT_MAX : b.position);
  });
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

// Groups the cases of `verdict` by reason: reason -> "op (mode_data)" list,
// in the order of the rows and columns.
absl::btree_map<std::string, std::vector<std::string>> ByReason(
    const std::vector<Row>& rows, CaseVerdict verdict) {
  absl::btree_map<std::string, std::vector<std::string>> groups;
  for (const Row& row : rows) {
    for (size_t c = 0; c < kMaxColumns; ++c) {
      const auto& cell = row.cells[c];
      if (!cell || cell->verdict != verdict) continue;
      groups[cell->reason].push_back(
          absl::StrCat(row.op, " (", ColumnName(c), ")"));
    }
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

bool IsUnexpectedPass(const CaseRecord& record) {
  return record.verdict == CaseVerdict::kFail &&
         absl::StartsWith(record.reason, kUnexpectedPassReason);
}

std::string CaseTestName(const CaseRecord& record) {
  // As the gtest adapter names the cases it generates.
  if (record.check) {
    return absl::StrCat("OpCheck/OpTest.", CheckName(*record.check), "/",
                        record.op);
  }
  return absl::StrCat("MakeFx/OpTest.Trace/", record.op, "_",
                      ColumnName(ColumnOf(record)));
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
    auto groups = ByReason(rows, verdict);
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
                       const std::set<std::string>& aten_ops,
                       const std::optional<Shard>& shard) {
  nlohmann::ordered_json json;
  const size_t columns = ColumnCount(records);
  json["tool"] = "gtest_fx";
  if (shard) {
    json["shard"] = {{"index", shard->index}, {"total", shard->total}};
  }
  json["columns"] = nlohmann::json::array();
  for (size_t c = 0; c < columns; ++c) {
    json["columns"].push_back(ColumnName(c));
  }
  std::vector<Row> rows = Rows(records);
  json["ops"] = nlohmann::json::array();
  for (const Row& row : rows) {
    nlohmann::ordered_json op;
    op["op"] = row.op;
    if (row.position >= 0) op["position"] = row.position;
    for (size_t c = 0; c < columns; ++c) {
      const auto& record = row.cells[c];
      if (!record) continue;
      nlohmann::ordered_json cell;
      cell["verdict"] = VerdictMark(record->verdict);
      if (!record->reason.empty()) cell["reason"] = record->reason;
      if (!record->message.empty() && record->message != record->reason) {
        cell["message"] = record->message;
      }
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
  // A message may quote bytes that are not UTF-8 (an op's own error text):
  // they become U+FFFD rather than an exception.
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

absl::StatusOr<ParsedReport> ParseReportJson(absl::string_view text,
                                             absl::string_view source) {
  auto not_a_report = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(
        "[gtest_fx] '", source, "' is not a gtest_fx JSON report: ", why,
        ". Merge the .json reports that --gtest_fx_report wrote."));
  };
  ParsedReport report;
  try {
    // Ordered: the cases come back in the order of the columns.
    const nlohmann::ordered_json json = nlohmann::ordered_json::parse(text);
    if (!json.is_object() || !json.contains("tool") ||
        json["tool"] != "gtest_fx") {
      return not_a_report("it has no \"tool\": \"gtest_fx\"");
    }
    if (json.contains("shard")) {
      const nlohmann::ordered_json& shard = json["shard"];
      report.shard =
          Shard{shard.at("index").get<int>(), shard.at("total").get<int>()};
      if (report.shard->index < 0 ||
          report.shard->index >= report.shard->total) {
        return not_a_report(absl::StrCat("its shard ", report.shard->index,
                                         " of ", report.shard->total,
                                         " does not exist"));
      }
    }
    for (const nlohmann::ordered_json& op : json.at("ops")) {
      const std::string name = op.at("op").get<std::string>();
      const int position = op.value("position", -1);
      for (const auto& [column_name, cell] : op.at("cases").items()) {
        const std::optional<size_t> column = ColumnNamed(column_name);
        if (!column) {
          return not_a_report(absl::StrCat("op '", name,
                                           "' has a case in an unknown column "
                                           "'",
                                           column_name, "'"));
        }
        const std::string mark = cell.at("verdict").get<std::string>();
        const CaseVerdict* verdict =
            std::find_if(kVerdicts.begin(), kVerdicts.end(),
                         [&](CaseVerdict v) { return mark == VerdictMark(v); });
        if (verdict == kVerdicts.end()) {
          return not_a_report(absl::StrCat("op '", name, "', ", column_name,
                                           ": unknown verdict '", mark, "'"));
        }
        CaseRecord record{name,
                          TracingMode::kReal,
                          Data::kOriginal,
                          *verdict,
                          cell.value("reason", ""),
                          std::nullopt,
                          cell.value("message", ""),
                          position};
        if (*column >= kTraceColumns) {
          record.check = kAllChecks[*column - kTraceColumns];
        } else {
          record.mode = kAllTracingModes[*column / 2];
          record.data = kAllData[*column % 2];
        }
        report.records.push_back(std::move(record));
      }
    }
    if (json.contains("aten_ops")) {
      report.aten_ops = json["aten_ops"].get<std::set<std::string>>();
    }
  } catch (const nlohmann::json::exception& e) {
    return not_a_report(e.what());
  }
  return report;
}

namespace {

// Returns the warnings about the shards the reports record: a shard without
// a report, reports of different shardings.
std::vector<std::string> ShardWarnings(
    const std::vector<std::pair<std::string, ParsedReport>>& reports) {
  // total -> index -> sources
  std::map<int, std::map<int, std::vector<std::string>>> shardings;
  for (const auto& [source, report] : reports) {
    if (report.shard) {
      shardings[report.shard->total][report.shard->index].push_back(source);
    }
  }
  std::vector<std::string> warnings;
  if (shardings.size() > 1) {
    std::vector<std::string> sources;
    for (const auto& [total, indices] : shardings) {
      for (const auto& [index, names] : indices) {
        for (const std::string& name : names) {
          sources.push_back(
              absl::StrCat(name, " is shard ", index, " of ", total));
        }
      }
    }
    warnings.push_back(
        absl::StrCat("the reports come from runs of different shardings (",
                     absl::StrJoin(sources, ", "),
                     "): give every job the same GTEST_TOTAL_SHARDS"));
    return warnings;
  }
  for (const auto& [total, indices] : shardings) {
    std::vector<int> missing;
    for (int index = 0; index < total; ++index) {
      if (!indices.contains(index)) missing.push_back(index);
    }
    if (!missing.empty()) {
      warnings.push_back(
          absl::StrCat("no report of shard", missing.size() > 1 ? "s " : " ",
                       absl::StrJoin(missing, ", "), " of ", total,
                       " (GTEST_SHARD_INDEX=", absl::StrJoin(missing, ", "),
                       "): ", missing.size() > 1 ? "their" : "its",
                       " cases are missing from the merged matrix"));
    }
  }
  return warnings;
}

}  // namespace

absl::StatusOr<MergedReport> MergeReports(
    const std::vector<std::pair<std::string, ParsedReport>>& reports) {
  // Where each case was first seen: (op, column) -> (report, verdict).
  absl::flat_hash_map<std::pair<std::string, size_t>,
                      std::pair<size_t, CaseVerdict>>
      seen;
  // The cases two reports share, by (conflicting first, report, report).
  struct Clash {
    int count = 0;
    std::string example;  // the first such case
    CaseVerdict first_verdict = CaseVerdict::kPass;
    CaseVerdict second_verdict = CaseVerdict::kPass;
  };
  std::map<std::tuple<bool, size_t, size_t>, Clash> clashes;
  MergedReport merged;
  for (size_t i = 0; i < reports.size(); ++i) {
    const ParsedReport& report = reports[i].second;
    merged.aten_ops.insert(report.aten_ops.begin(), report.aten_ops.end());
    for (const CaseRecord& record : report.records) {
      auto [it, inserted] = seen.try_emplace(
          std::pair{record.op, ColumnOf(record)}, i, record.verdict);
      if (inserted) {
        merged.records.push_back(record);
        continue;
      }
      const auto [first, first_verdict] = it->second;
      const bool conflicting = first_verdict != record.verdict;
      Clash& clash = clashes[{!conflicting, first, i}];
      if (clash.count++ == 0) {
        clash.example = CaseTestName(record);
        clash.first_verdict = first_verdict;
        clash.second_verdict = record.verdict;
      }
    }
  }
  if (!clashes.empty()) {
    const bool any_conflict = !std::get<0>(clashes.begin()->first);
    std::string message =
        absl::StrCat("[gtest_fx] cannot merge ",
                     any_conflict ? "conflicting" : "overlapping",
                     " shards: a case is in more than one report.");
    for (const auto& [key, clash] : clashes) {
      const auto [agree, first, second] = key;
      const std::string& a = reports[first].first;
      const std::string& b = reports[second].first;
      if (agree) {
        absl::StrAppend(&message, "\n  overlapping: ", a, " and ", b,
                        " both hold ", clash.count, " case(s), e.g. ",
                        clash.example, " (", VerdictMark(clash.first_verdict),
                        " in both)");
      } else {
        absl::StrAppend(&message, "\n  conflicting: ", a, " and ", b,
                        " disagree on ", clash.count, " case(s), e.g. ",
                        clash.example, " is ", VerdictMark(clash.first_verdict),
                        " in ", a, " but ", VerdictMark(clash.second_verdict),
                        " in ", b);
      }
    }
    absl::StrAppend(&message,
                    "\n  Each case must come from one shard: run every job "
                    "with the same GTEST_TOTAL_SHARDS and its own "
                    "GTEST_SHARD_INDEX, and name each shard's report once.");
    return absl::InvalidArgumentError(message);
  }
  merged.warnings = ShardWarnings(reports);
  // The rows follow the cases' positions; so do the lists of the matrix.
  std::stable_sort(merged.records.begin(), merged.records.end(),
                   [](const CaseRecord& a, const CaseRecord& b) {
                     return (a.position < 0 ? INT_MAX : a.position) <
                            (b.position < 0 ? INT_MAX : b.position);
                   });
  return merged;
}

absl::StatusOr<MergedReport> MergeReportFiles(
    const std::vector<std::string>& paths) {
  std::vector<std::pair<std::string, ParsedReport>> reports;
  for (const std::string& path : paths) {
    std::ifstream in(path);
    if (!in) {
      return absl::NotFoundError(absl::StrCat(
          "[gtest_fx] cannot read the report '", path,
          "' to merge (did its shard's job end before writing it?)"));
    }
    std::stringstream text;
    text << in.rdbuf();
    absl::StatusOr<ParsedReport> report = ParseReportJson(text.str(), path);
    if (!report.ok()) return report.status();
    reports.emplace_back(path, *std::move(report));
  }
  return MergeReports(reports);
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

namespace {

// The page's style and script: inline, so that the page loads nothing.
constexpr absl::string_view kPageStyle = R"css(
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
h2{margin-top:1.5em}
table{border-collapse:separate;border-spacing:0}
th,td{border:1px solid #ccc;padding:2px 8px;text-align:center;background:#fff}
.pass{background:#c8e6c9}
.FAIL{background:#ef9a9a;font-weight:bold}
.xfail{background:#ffe082}
.skip{background:#e0e0e0}
.wide{overflow-x:auto}
.scroll{overflow:auto;max-height:75vh;border:1px solid #ccc}
#matrix thead th{position:sticky;top:0;z-index:2;background:#eee}
#matrix .op{position:sticky;left:0;z-index:1;text-align:left;
  font-family:monospace;background:#f8f8f8}
#matrix thead th.op{z-index:3}
#matrix td[data-col]{cursor:pointer}
#matrix td a{color:inherit;text-decoration:none}
#matrix td.dim{opacity:.25}
#matrix td.selected{outline:3px solid #1565c0;outline-offset:-3px}
.controls{margin:.5em 0;display:flex;gap:1.5em;align-items:center;
  flex-wrap:wrap}
.hint{color:#666}
.attention li{margin:.3em 0}
pre{white-space:pre-wrap;background:#f6f8fa;padding:.5em;font-size:.9em}
.case{border-top:1px solid #ddd}
#detail{position:fixed;right:1em;bottom:1em;width:min(70em,calc(100% - 4em));
  max-height:60vh;overflow:auto;background:#fff;border:1px solid #888;
  box-shadow:0 2px 12px rgba(0,0,0,.3);padding:0 1em;z-index:5}
#detail[hidden]{display:none}
#close{float:right;margin-top:.8em;font-size:1.2em}
)css";

// Filters rows by op and verdict, shows a case's message on a click, and
// keeps the view in the address (#verdict=FAIL&search=add&show=<op>/<column>)
// so that a view can be linked to: the address is applied through the same
// functions as the controls.
constexpr absl::string_view kPageScript = R"js(
(() => {
  'use strict';
  const byId = (id) => document.getElementById(id);
  const search = byId('search');
  const verdict = byId('verdict');
  const shown = byId('shown');
  const detail = byId('detail');
  const detailBody = byId('detail-body');
  const matrix = byId('matrix');
  const rows = Array.from(matrix.tBodies[0].rows);
  const checkColumns = new Set(Array.from(
      matrix.tHead.querySelectorAll('th.check'), (th) => th.textContent));
  let selected = null;

  // Shows the rows whose op contains the search text and that have a case
  // of the chosen verdict; fades their other cases.
  function filter() {
    const text = search.value.trim().toLowerCase();
    const wanted = verdict.value;
    let count = 0;
    for (const row of rows) {
      const visible = row.dataset.op.toLowerCase().includes(text) &&
          (wanted === '' || row.dataset.verdicts.split(' ').includes(wanted));
      row.hidden = !visible;
      if (visible) ++count;
      for (const cell of row.querySelectorAll('td[data-col]')) {
        cell.classList.toggle(
            'dim', wanted !== '' && !cell.classList.contains(wanted));
      }
    }
    shown.textContent = count + ' of ' + rows.length + ' ops';
  }

  function cellOf(op, column) {
    const row = rows.find((r) => r.dataset.op === op);
    if (!row) return null;
    return Array.from(row.cells).find((c) => c.dataset.col === column) || null;
  }

  function testName(cell) {
    const op = cell.parentNode.dataset.op;
    const column = cell.dataset.col;
    return checkColumns.has(column) ? 'OpCheck/OpTest.' + column + '/' + op :
                                      'MakeFx/OpTest.Trace/' + op + '_' + column;
  }

  // Shows the case of `cell` in the panel: its entry under Messages, or its
  // name and verdict when it has none.
  function show(cell) {
    if (selected) selected.classList.remove('selected');
    selected = cell;
    cell.classList.add('selected');
    detailBody.replaceChildren();
    const link = cell.querySelector('a');
    const entry = link && byId(link.getAttribute('href').slice(1));
    if (entry) {
      for (const part of entry.children) {
        detailBody.append(part.cloneNode(true));
      }
    } else {
      const title = document.createElement('h3');
      title.textContent = testName(cell) + ': ' + cell.textContent;
      const note = document.createElement('p');
      note.textContent = 'No message: the case passed.';
      detailBody.append(title, note);
    }
    detail.hidden = false;
  }

  function hide() {
    if (selected) selected.classList.remove('selected');
    selected = null;
    detail.hidden = true;
  }

  function saveView() {
    const view = new URLSearchParams();
    if (verdict.value) view.set('verdict', verdict.value);
    if (search.value) view.set('search', search.value);
    if (selected) {
      view.set('show', selected.parentNode.dataset.op + '/' +
                           selected.dataset.col);
    }
    const hash = view.toString();
    try {
      history.replaceState(
          null, '', hash ? '#' + hash : location.pathname + location.search);
    } catch (e) {
      // The view works without being in the address.
    }
  }

  function applyAddress() {
    const hash = location.hash.slice(1);
    if (!hash.includes('=')) return false;  // an anchor such as #case-1-4
    const view = new URLSearchParams(hash);
    search.value = view.get('search') || '';
    verdict.value = view.get('verdict') || '';
    if (verdict.selectedIndex < 0) verdict.value = '';
    filter();
    const target = view.get('show') || '';
    const slash = target.lastIndexOf('/');
    const cell = slash > 0 ?
        cellOf(target.slice(0, slash), target.slice(slash + 1)) : null;
    if (cell) {
      show(cell);
    } else {
      hide();
    }
    return true;
  }

  const controls = byId('controls');
  controls.hidden = false;
  controls.addEventListener('submit', (event) => event.preventDefault());
  search.addEventListener('input', () => {
    filter();
    saveView();
  });
  verdict.addEventListener('change', () => {
    filter();
    saveView();
  });
  matrix.addEventListener('click', (event) => {
    const cell = event.target.closest('td[data-col]');
    if (!cell) return;
    event.preventDefault();
    show(cell);
    saveView();
  });
  for (const link of document.querySelectorAll('a[data-op]')) {
    link.addEventListener('click', (event) => {
      const cell = cellOf(link.dataset.op, link.dataset.col);
      if (!cell) return;
      event.preventDefault();
      show(cell);
      saveView();
    });
  }
  byId('close').addEventListener('click', () => {
    hide();
    saveView();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || detail.hidden) return;
    hide();
    saveView();
  });
  window.addEventListener('hashchange', () => {
    if (applyAddress()) byId('matrix-title').scrollIntoView();
  });
  filter();
  applyAddress();
})();
)js";

// The column's name in a header, where a narrow window may break it after
// the underscore.
std::string ColumnHeader(size_t column) {
  return absl::StrReplaceAll(ColumnName(column), {{"_", "_<wbr>"}});
}

// The anchor of the case in row `row`, column `column` under Messages.
std::string CaseAnchor(size_t row, size_t column) {
  return absl::StrCat("case-", row, "-", column);
}

bool HasEntry(const CaseRecord& record) {
  return !record.reason.empty() || !record.message.empty();
}

// What the reason of a case of `verdict` says, as a label.
const char* ReasonLabel(CaseVerdict verdict) {
  switch (verdict) {
    case CaseVerdict::kPass:
      return "note";
    case CaseVerdict::kFail:
      return "cause";
    case CaseVerdict::kExpectedFailure:
      return "expected to fail because";
    case CaseVerdict::kSkip:
      return "skipped";
  }
  return "reason";
}

// Appends the cases of one kind that need attention, grouped by reason, each
// a link to its message.
void AppendAttentionList(
    const std::vector<Row>& rows,
    const absl::btree_map<std::string, std::vector<std::pair<size_t, size_t>>>&
        groups,
    std::string* out) {
  *out += "<ul class=\"attention\">\n";
  for (const auto& [reason, cases] : groups) {
    absl::StrAppend(out, "<li><b>", cases.size(), " &times;</b> ",
                    HtmlEscape(reason), "<br>");
    for (size_t i = 0; i < cases.size(); ++i) {
      const auto [r, c] = cases[i];
      absl::StrAppend(out, i > 0 ? ", " : "", "<a href=\"#", CaseAnchor(r, c),
                      "\" data-op=\"", HtmlEscape(rows[r].op), "\" data-col=\"",
                      ColumnName(c), "\">", HtmlEscape(rows[r].op), " (",
                      ColumnName(c), ")</a>");
    }
    *out += "</li>\n";
  }
  *out += "</ul>\n";
}

}  // namespace

std::string ReportHtml(const std::vector<CaseRecord>& records) {
  std::vector<Row> rows = Rows(records);
  const size_t columns = ColumnCount(records);
  const auto totals = Totals(rows);
  std::array<int, 4> all{};
  for (size_t c = 0; c < columns; ++c) {
    for (size_t v = 0; v < all.size(); ++v) all[v] += totals[c][v];
  }
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n<title>gtest_fx result matrix</title>\n<style>",
      kPageStyle,
      "</style>\n</head>\n<body>\n<h1>gtest_fx result matrix</h1>\n");
  absl::StrAppendFormat(&out, "<p>%d ops, %d cases:", rows.size(),
                        records.size());
  for (CaseVerdict verdict : kVerdicts) {
    absl::StrAppend(&out, verdict == CaseVerdict::kPass ? " " : ", ",
                    all[static_cast<size_t>(verdict)], " ",
                    VerdictMark(verdict));
  }
  out += ".</p>\n";

  // What needs attention: failures, and expected failures that passed.
  absl::btree_map<std::string, std::vector<std::pair<size_t, size_t>>> failures;
  absl::btree_map<std::string, std::vector<std::pair<size_t, size_t>>>
      unexpected_passes;
  int failure_count = 0;
  int unexpected_pass_count = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < columns; ++c) {
      const auto& cell = rows[r].cells[c];
      if (!cell || cell->verdict != CaseVerdict::kFail) continue;
      if (IsUnexpectedPass(*cell)) {
        unexpected_passes[cell->reason.substr(kUnexpectedPassReason.size())]
            .emplace_back(r, c);
        ++unexpected_pass_count;
      } else {
        failures[cell->reason].emplace_back(r, c);
        ++failure_count;
      }
    }
  }
  out += "<h2>Needs attention</h2>\n";
  if (failures.empty() && unexpected_passes.empty()) {
    out += "<p>Nothing: no case failed, and no expected failure passed.</p>\n";
  }
  if (!failures.empty()) {
    absl::StrAppend(&out, "<h3>", failure_count,
                    failure_count == 1 ? " failure" : " failures",
                    ", by cause</h3>\n");
    AppendAttentionList(rows, failures, &out);
  }
  if (!unexpected_passes.empty()) {
    absl::StrAppend(
        &out, "<h3>", unexpected_pass_count,
        unexpected_pass_count == 1 ? " unexpected pass" : " unexpected passes",
        "</h3>\n<p>Expected to fail, and passed: if the cause is "
        "fixed, remove the expectation. By the reason it was "
        "expected to fail:</p>\n");
    AppendAttentionList(rows, unexpected_passes, &out);
  }

  out +=
      "<h2>Totals per column</h2>\n<div class=\"wide\">\n<table "
      "class=\"totals\">\n<thead><tr><th>verdict</th>";
  for (size_t c = 0; c < columns; ++c) {
    absl::StrAppend(&out, "<th>", ColumnHeader(c), "</th>");
  }
  out += "<th>all</th></tr></thead>\n<tbody>\n";
  for (CaseVerdict verdict : kVerdicts) {
    const char* mark = VerdictMark(verdict);
    absl::StrAppend(&out, "<tr><th class=\"", mark,
                    "\"><a href=\"#verdict=", mark, "\">", mark, "</a></th>");
    for (size_t c = 0; c < columns; ++c) {
      absl::StrAppend(&out, "<td>", totals[c][static_cast<size_t>(verdict)],
                      "</td>");
    }
    absl::StrAppend(&out, "<td>", all[static_cast<size_t>(verdict)],
                    "</td></tr>\n");
  }
  out += "</tbody>\n</table>\n</div>\n";

  out +=
      "<h2 id=\"matrix-title\">Matrix</h2>\n"
      "<form id=\"controls\" class=\"controls\" role=\"search\" hidden>\n"
      "<label>op <input type=\"search\" id=\"search\" placeholder=\"part of "
      "an op's name\" autocomplete=\"off\"></label>\n"
      "<label>verdict <select id=\"verdict\"><option value=\"\">any</option>";
  for (CaseVerdict verdict : {CaseVerdict::kFail, CaseVerdict::kExpectedFailure,
                              CaseVerdict::kSkip, CaseVerdict::kPass}) {
    absl::StrAppend(&out, "<option value=\"", VerdictMark(verdict), "\">",
                    VerdictMark(verdict), "</option>");
  }
  out +=
      "</select></label>\n<output id=\"shown\"></output>\n"
      "<span class=\"hint\">A click on a case shows its message.</span>\n"
      "</form>\n<div class=\"scroll\">\n<table id=\"matrix\">\n"
      "<thead><tr><th class=\"op\">op</th>";
  for (size_t c = 0; c < columns; ++c) {
    absl::StrAppend(&out, c >= kTraceColumns ? "<th class=\"check\">" : "<th>",
                    ColumnHeader(c), "</th>");
  }
  out += "</tr></thead>\n<tbody>\n";
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    std::vector<std::string> verdicts;
    for (const auto& cell : row.cells) {
      if (!cell) continue;
      const char* mark = VerdictMark(cell->verdict);
      if (std::find(verdicts.begin(), verdicts.end(), mark) == verdicts.end()) {
        verdicts.push_back(mark);
      }
    }
    absl::StrAppend(&out, "<tr data-op=\"", HtmlEscape(row.op),
                    "\" data-verdicts=\"", absl::StrJoin(verdicts, " "),
                    "\"><th class=\"op\" scope=\"row\">", HtmlEscape(row.op),
                    "</th>");
    for (size_t c = 0; c < columns; ++c) {
      const auto& cell = row.cells[c];
      if (!cell) {
        out += "<td>-</td>";
        continue;
      }
      const char* mark = VerdictMark(cell->verdict);
      absl::StrAppend(&out, "<td class=\"", mark, "\" data-col=\"",
                      ColumnName(c), "\"");
      if (!cell->reason.empty()) {
        absl::StrAppend(&out, " title=\"", HtmlEscape(cell->reason), "\"");
      }
      if (HasEntry(*cell)) {
        absl::StrAppend(&out, "><a href=\"#", CaseAnchor(r, c), "\">", mark,
                        "</a></td>");
      } else {
        absl::StrAppend(&out, ">", mark, "</td>");
      }
    }
    out += "</tr>\n";
  }
  out +=
      "</tbody>\n</table>\n</div>\n"
      "<aside id=\"detail\" hidden><button type=\"button\" id=\"close\" "
      "title=\"close (Esc)\">&times;</button><div id=\"detail-body\"></div>"
      "</aside>\n";

  // Every reason and message, for the panel and for reading without script.
  bool heading = false;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < columns; ++c) {
      const auto& cell = rows[r].cells[c];
      if (!cell || !HasEntry(*cell)) continue;
      if (!heading) {
        out += "<h2>Messages</h2>\n";
        heading = true;
      }
      const char* mark = VerdictMark(cell->verdict);
      absl::StrAppend(&out, "<div class=\"case\" id=\"", CaseAnchor(r, c),
                      "\">\n<h3>", HtmlEscape(CaseTestName(*cell)),
                      ": <span class=\"", mark, "\">", mark, "</span></h3>\n");
      if (!cell->reason.empty()) {
        absl::StrAppend(&out, "<p class=\"reason\">",
                        ReasonLabel(cell->verdict), ": ",
                        HtmlEscape(cell->reason), "</p>\n");
      }
      if (!cell->message.empty() && cell->message != cell->reason) {
        absl::StrAppend(&out, "<pre>", HtmlEscape(cell->message), "</pre>\n");
      }
      out += "</div>\n";
    }
  }
  absl::StrAppend(&out, "<script>", kPageScript,
                  "</script>\n</body>\n</html>\n");
  return out;
}

absl::Status WriteReport(const std::vector<CaseRecord>& records,
                         const std::string& path,
                         const std::set<std::string>& aten_ops,
                         const std::optional<Shard>& shard) {
  std::string content;
  if (absl::EndsWith(path, ".json")) {
    content = ReportJson(records, aten_ops, shard);
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
