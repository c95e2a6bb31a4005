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

// A case's slot in its op's row: the six tracing cases (mode x data), the
// six gradient cases (mode x data), then one per op check.
constexpr size_t kTraceSlots = kAllTracingModes.size() * kAllData.size();
constexpr size_t kGradSlots = kTraceSlots;
constexpr size_t kCheckSlots = kTraceSlots + kGradSlots;
constexpr size_t kSlots = kCheckSlots + kAllChecks.size();

// The columns of the matrix: the six tracing columns, one gradient column
// per mode (holding both data variants' cases), then one per op check.
constexpr size_t kTraceColumns = kTraceSlots;
constexpr size_t kGradColumns = kAllTracingModes.size();
constexpr size_t kCheckColumns = kTraceColumns + kGradColumns;
constexpr size_t kMaxColumns = kCheckColumns + kAllChecks.size();

size_t SlotOf(const CaseRecord& record) {
  if (record.check) return kCheckSlots + static_cast<size_t>(*record.check);
  const size_t trace = static_cast<size_t>(record.mode) * kAllData.size() +
                       static_cast<size_t>(record.data);
  return record.grad ? kTraceSlots + trace : trace;
}

// Returns the name of a case in its op's row, as the JSON report keys it:
// "fake_original", "grad_fake_original" or "MetaKernel".
std::string SlotName(size_t slot) {
  if (slot >= kCheckSlots) return CheckName(kAllChecks[slot - kCheckSlots]);
  const size_t trace = slot % kTraceSlots;
  return absl::StrCat(slot >= kTraceSlots ? "grad_" : "",
                      ModeName(kAllTracingModes[trace / kAllData.size()]), "_",
                      DataName(kAllData[trace % kAllData.size()]));
}

// Returns the slot named `name` by SlotName.
std::optional<size_t> SlotNamed(absl::string_view name) {
  for (size_t slot = 0; slot < kSlots; ++slot) {
    if (SlotName(slot) == name) return slot;
  }
  return std::nullopt;
}

// Returns a record of the case in `slot`, its verdict and texts unset.
CaseRecord RecordOfSlot(const std::string& op, size_t slot) {
  CaseRecord record{op, TracingMode::kReal, Data::kOriginal, CaseVerdict::kPass,
                    "", std::nullopt};
  if (slot >= kCheckSlots) {
    record.check = kAllChecks[slot - kCheckSlots];
    return record;
  }
  const size_t trace = slot % kTraceSlots;
  record.mode = kAllTracingModes[trace / kAllData.size()];
  record.data = kAllData[trace % kAllData.size()];
  record.grad = slot >= kTraceSlots;
  return record;
}

bool IsGradColumn(size_t column) {
  return column >= kTraceColumns && column < kCheckColumns;
}

// The slots of a column's cases: [begin, end).
struct SlotRange {
  size_t begin;
  size_t end;
};

SlotRange SlotsOf(size_t column) {
  if (column < kTraceColumns) return {column, column + 1};
  if (IsGradColumn(column)) {
    const size_t begin =
        kTraceSlots + (column - kTraceColumns) * kAllData.size();
    return {begin, begin + kAllData.size()};
  }
  const size_t slot = kCheckSlots + (column - kCheckColumns);
  return {slot, slot + 1};
}

size_t ColumnOfSlot(size_t slot) {
  if (slot < kTraceSlots) return slot;
  if (slot < kCheckSlots) {
    return kTraceColumns + (slot - kTraceSlots) / kAllData.size();
  }
  return kCheckColumns + (slot - kCheckSlots);
}

// Returns "fake_original", "grad_fake" or "MetaKernel".
std::string ColumnName(size_t column) {
  if (column >= kCheckColumns) {
    return CheckName(kAllChecks[column - kCheckColumns]);
  }
  if (IsGradColumn(column)) {
    return absl::StrCat("grad_",
                        ModeName(kAllTracingModes[column - kTraceColumns]));
  }
  return SlotName(column);
}

// The column's name in the terminal's matrix, at most 9 characters.
std::string ShortColumnName(size_t column) {
  static constexpr std::array<const char*, kCheckColumns> kNames = {
      "real/orig", "real/rand", "fake/orig", "fake/rand", "symb/orig",
      "symb/rand", "grad/real", "grad/fake", "grad/symb"};
  if (column < kCheckColumns) return kNames[column];
  switch (kAllChecks[column - kCheckColumns]) {
    case Check::kSchema:
      return "schema";
    case Check::kMetaKernel:
      return "meta";
    case Check::kAutogradRegistration:
      return "autograd";
    case Check::kGradCheck:
      return "gradcheck";
  }
  return ColumnName(column).substr(0, 9);
}

// Returns the columns of the matrix of `records`: the six tracing columns,
// the gradient columns when some case is a gradient case, the op check
// columns when some case is an op check's.
std::vector<size_t> Columns(const std::vector<CaseRecord>& records) {
  bool grad = false;
  bool check = false;
  for (const CaseRecord& r : records) {
    grad |= r.grad;
    check |= r.check.has_value();
  }
  std::vector<size_t> columns;
  for (size_t c = 0; c < kMaxColumns; ++c) {
    if ((!IsGradColumn(c) || grad) && (c < kCheckColumns || check)) {
      columns.push_back(c);
    }
  }
  return columns;
}

// One row of the matrix per op.
struct Row {
  std::string op;
  std::array<std::optional<CaseRecord>, kSlots> cases;
  int position = -1;  // the least position of its cases, -1 if unknown
};

// Returns the cases of `row` in `column`: none, one, or a gradient column's
// two, in the order of their data variants.
std::vector<const CaseRecord*> CasesIn(const Row& row, size_t column) {
  std::vector<const CaseRecord*> cases;
  const SlotRange slots = SlotsOf(column);
  for (size_t s = slots.begin; s < slots.end; ++s) {
    if (row.cases[s]) cases.push_back(&*row.cases[s]);
  }
  return cases;
}

// Orders verdicts by how much attention they need: FAIL over xfail over
// skip over pass.
int Severity(CaseVerdict verdict) {
  switch (verdict) {
    case CaseVerdict::kPass:
      return 0;
    case CaseVerdict::kSkip:
      return 1;
    case CaseVerdict::kExpectedFailure:
      return 2;
    case CaseVerdict::kFail:
      return 3;
  }
  return 0;
}

// Returns the case whose verdict a cell of `cases` shows: the first of the
// worst verdict. REQUIRES: `cases` is not empty.
const CaseRecord& ShownCase(const std::vector<const CaseRecord*>& cases) {
  const CaseRecord* shown = cases.front();
  for (const CaseRecord* c : cases) {
    if (Severity(c->verdict) > Severity(shown->verdict)) shown = c;
  }
  return *shown;
}

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
    row.cases[SlotOf(record)] = record;
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

// Counts the cases of each verdict per column; a gradient column counts the
// cases of both data variants.
std::array<std::array<int, 4>, kMaxColumns> Totals(
    const std::vector<Row>& rows) {
  std::array<std::array<int, 4>, kMaxColumns> totals{};
  for (const Row& row : rows) {
    for (size_t s = 0; s < kSlots; ++s) {
      if (row.cases[s]) {
        ++totals[ColumnOfSlot(s)][static_cast<size_t>(row.cases[s]->verdict)];
      }
    }
  }
  return totals;
}

// Groups the cases of `verdict` by reason: reason -> "op (case)" list, in
// the order of the rows and columns; a gradient case is named so, e.g.
// "relu (grad_fake_original)".
absl::btree_map<std::string, std::vector<std::string>> ByReason(
    const std::vector<Row>& rows, CaseVerdict verdict) {
  absl::btree_map<std::string, std::vector<std::string>> groups;
  for (const Row& row : rows) {
    for (size_t s = 0; s < kSlots; ++s) {
      const auto& record = row.cases[s];
      if (!record || record->verdict != verdict) continue;
      groups[record->reason].push_back(
          absl::StrCat(row.op, " (", SlotName(s), ")"));
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
  return absl::StrCat(
      record.grad ? "MakeFx/OpGradTest.Grad/" : "MakeFx/OpTest.Trace/",
      record.op, "_", ModeName(record.mode), "_", DataName(record.data));
}

std::vector<CaseRecord>& RunRecords() {
  static auto* records = new std::vector<CaseRecord>();
  return *records;
}

std::string FormatMatrix(const std::vector<CaseRecord>& records) {
  std::vector<Row> rows = Rows(records);
  const std::vector<size_t> columns = Columns(records);
  size_t width = 13;  // fits "total xfail"
  for (const Row& row : rows) width = std::max(width, row.op.size() + 2);
  std::string out =
      absl::StrFormat("[gtest_fx] result matrix: %d ops, %d cases\n",
                      rows.size(), records.size());
  absl::StrAppendFormat(&out, "%-*s", width, "op");
  for (size_t c : columns) {
    absl::StrAppendFormat(&out, "%-10s", ShortColumnName(c));
  }
  TrimLine(&out);
  for (const Row& row : rows) {
    absl::StrAppendFormat(&out, "%-*s", width, row.op);
    for (size_t c : columns) {
      const std::vector<const CaseRecord*> cases = CasesIn(row, c);
      absl::StrAppendFormat(
          &out, "%-10s",
          cases.empty() ? "-" : VerdictMark(ShownCase(cases).verdict));
    }
    TrimLine(&out);
  }
  const auto totals = Totals(rows);
  for (CaseVerdict verdict : kVerdicts) {
    absl::StrAppendFormat(&out, "%-*s", width,
                          absl::StrCat("total ", VerdictMark(verdict)));
    for (size_t c : columns) {
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
  const std::vector<size_t> columns = Columns(records);
  json["tool"] = "gtest_fx";
  if (shard) {
    json["shard"] = {{"index", shard->index}, {"total", shard->total}};
  }
  json["columns"] = nlohmann::json::array();
  for (size_t c : columns) json["columns"].push_back(ColumnName(c));
  std::vector<Row> rows = Rows(records);
  json["ops"] = nlohmann::json::array();
  for (const Row& row : rows) {
    nlohmann::ordered_json op;
    op["op"] = row.op;
    if (row.position >= 0) op["position"] = row.position;
    // Keyed by case: a gradient column's two cases are "grad_<mode>_<data>".
    for (size_t s = 0; s < kSlots; ++s) {
      const auto& record = row.cases[s];
      if (!record) continue;
      nlohmann::ordered_json cell;
      cell["verdict"] = VerdictMark(record->verdict);
      if (!record->reason.empty()) cell["reason"] = record->reason;
      if (!record->message.empty() && record->message != record->reason) {
        cell["message"] = record->message;
      }
      op["cases"][SlotName(s)] = cell;
    }
    json["ops"].push_back(op);
  }
  const auto totals = Totals(rows);
  for (size_t c : columns) {
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
    // Ordered: the cases come back in the order of their slots.
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
      for (const auto& [case_name, cell] : op.at("cases").items()) {
        const std::optional<size_t> slot = SlotNamed(case_name);
        if (!slot) {
          return not_a_report(absl::StrCat(
              "op '", name, "' has an unknown case '", case_name,
              "' (a case is <mode>_<data>, grad_<mode>_<data> or an op "
              "check's name)"));
        }
        const std::string mark = cell.at("verdict").get<std::string>();
        const CaseVerdict* verdict =
            std::find_if(kVerdicts.begin(), kVerdicts.end(),
                         [&](CaseVerdict v) { return mark == VerdictMark(v); });
        if (verdict == kVerdicts.end()) {
          return not_a_report(absl::StrCat("op '", name, "', ", case_name,
                                           ": unknown verdict '", mark, "'"));
        }
        CaseRecord record = RecordOfSlot(name, *slot);
        record.verdict = *verdict;
        record.reason = cell.value("reason", "");
        record.message = cell.value("message", "");
        record.position = position;
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
  // Where each case was first seen: (op, slot) -> (report, verdict).
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
          std::pair{record.op, SlotOf(record)}, i, record.verdict);
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
  const std::vector<size_t> columns = Columns(records);
  std::string out =
      absl::StrFormat("# gtest_fx result matrix\n\n%d ops, %d cases.\n\n| op |",
                      rows.size(), records.size());
  for (size_t c : columns) absl::StrAppend(&out, " ", ColumnName(c), " |");
  out += "\n|---|";
  for (size_t i = 0; i < columns.size(); ++i) out += "---|";
  out += "\n";
  for (const Row& row : rows) {
    absl::StrAppend(&out, "| ", MarkdownEscape(row.op), " |");
    for (size_t c : columns) {
      const std::vector<const CaseRecord*> cases = CasesIn(row, c);
      std::string mark = "-";
      if (!cases.empty()) {
        const CaseVerdict verdict = ShownCase(cases).verdict;
        mark =
            verdict == CaseVerdict::kFail ? "**FAIL**" : VerdictMark(verdict);
      }
      absl::StrAppend(&out, " ", mark, " |");
    }
    out += "\n";
  }
  const auto totals = Totals(rows);
  for (CaseVerdict verdict : kVerdicts) {
    absl::StrAppend(&out, "| *total ", VerdictMark(verdict), "* |");
    for (size_t c : columns) {
      absl::StrAppend(&out, " ", totals[c][static_cast<size_t>(verdict)], " |");
    }
    out += "\n";
  }
  bool heading = false;
  for (const Row& row : rows) {
    for (size_t s = 0; s < kSlots; ++s) {
      const auto& record = row.cases[s];
      if (!record || record->reason.empty()) continue;
      if (!heading) {
        out += "\n## Reasons\n\n";
        heading = true;
      }
      absl::StrAppend(&out, "- `", row.op, "` ", SlotName(s), " (",
                      VerdictMark(record->verdict),
                      "): ", MarkdownEscape(record->reason), "\n");
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
            'dim',
            wanted !== '' && !casesOf(cell).some((c) => c.verdict === wanted));
      }
    }
    shown.textContent = count + ' of ' + rows.length + ' ops';
  }

  function cellOf(op, column) {
    const row = rows.find((r) => r.dataset.op === op);
    if (!row) return null;
    return Array.from(row.cells).find((c) => c.dataset.col === column) || null;
  }

  // Returns the cases of `cell`, each with its test name, its verdict and
  // the id of its entry under Messages ('' when it has none): one case, or
  // a gradient cell's cases of both data variants, which its data-cases
  // lists as <data>:<verdict>[:<entry>].
  function casesOf(cell) {
    const op = cell.parentNode.dataset.op;
    const column = cell.dataset.col;
    if (cell.dataset.cases) {
      const mode = column.slice('grad_'.length);
      return cell.dataset.cases.split(' ').map((part) => {
        const [data, verdict, entry] = part.split(':');
        return {
          name: 'MakeFx/OpGradTest.Grad/' + op + '_' + mode + '_' + data,
          verdict: verdict,
          entry: entry || '',
        };
      });
    }
    const link = cell.querySelector('a');
    return [{
      name: checkColumns.has(column) ?
          'OpCheck/OpTest.' + column + '/' + op :
          'MakeFx/OpTest.Trace/' + op + '_' + column,
      verdict: cell.textContent,
      entry: link ? link.getAttribute('href').slice(1) : '',
    }];
  }

  // Shows the cases of `cell` in the panel: each one's entry under
  // Messages, or its name and verdict when it has none.
  function show(cell) {
    if (selected) selected.classList.remove('selected');
    selected = cell;
    cell.classList.add('selected');
    detailBody.replaceChildren();
    for (const c of casesOf(cell)) {
      const entry = c.entry && byId(c.entry);
      if (entry) {
        for (const part of entry.children) {
          detailBody.append(part.cloneNode(true));
        }
        continue;
      }
      const title = document.createElement('h3');
      title.textContent = c.name + ': ' + c.verdict;
      const note = document.createElement('p');
      note.textContent = c.verdict === 'pass' ? 'No message: the case passed.' :
                                                'No message.';
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

// The anchor of the case in row `row`, slot `slot` under Messages.
std::string CaseAnchor(size_t row, size_t slot) {
  return absl::StrCat("case-", row, "-", slot);
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
// a link to its message. A case is (row, slot).
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
      const auto [r, s] = cases[i];
      absl::StrAppend(out, i > 0 ? ", " : "", "<a href=\"#", CaseAnchor(r, s),
                      "\" data-op=\"", HtmlEscape(rows[r].op), "\" data-col=\"",
                      ColumnName(ColumnOfSlot(s)), "\">",
                      HtmlEscape(rows[r].op), " (", SlotName(s), ")</a>");
    }
    *out += "</li>\n";
  }
  *out += "</ul>\n";
}

}  // namespace

std::string ReportHtml(const std::vector<CaseRecord>& records) {
  std::vector<Row> rows = Rows(records);
  const std::vector<size_t> columns = Columns(records);
  const auto totals = Totals(rows);
  std::array<int, 4> all{};
  for (size_t c : columns) {
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
    for (size_t s = 0; s < kSlots; ++s) {
      const auto& record = rows[r].cases[s];
      if (!record || record->verdict != CaseVerdict::kFail) continue;
      if (IsUnexpectedPass(*record)) {
        unexpected_passes[record->reason.substr(kUnexpectedPassReason.size())]
            .emplace_back(r, s);
        ++unexpected_pass_count;
      } else {
        failures[record->reason].emplace_back(r, s);
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
  for (size_t c : columns) {
    absl::StrAppend(&out, "<th>", ColumnHeader(c), "</th>");
  }
  out += "<th>all</th></tr></thead>\n<tbody>\n";
  for (CaseVerdict verdict : kVerdicts) {
    const char* mark = VerdictMark(verdict);
    absl::StrAppend(&out, "<tr><th class=\"", mark,
                    "\"><a href=\"#verdict=", mark, "\">", mark, "</a></th>");
    for (size_t c : columns) {
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
      "<span class=\"hint\">A click on a case shows its message.";
  if (std::any_of(columns.begin(), columns.end(), IsGradColumn)) {
    out +=
        " A grad_&lt;mode&gt; cell holds the gradient cases of both data "
        "variants and shows the worse verdict.";
  }
  out +=
      "</span>\n"
      "</form>\n<div class=\"scroll\">\n<table id=\"matrix\">\n"
      "<thead><tr><th class=\"op\">op</th>";
  for (size_t c : columns) {
    absl::StrAppend(&out,
                    c >= kCheckColumns ? "<th class=\"check\">"
                    : IsGradColumn(c)  ? "<th class=\"grad\">"
                                       : "<th>",
                    ColumnHeader(c), "</th>");
  }
  out += "</tr></thead>\n<tbody>\n";
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    std::vector<std::string> verdicts;
    for (const auto& record : row.cases) {
      if (!record) continue;
      const char* mark = VerdictMark(record->verdict);
      if (std::find(verdicts.begin(), verdicts.end(), mark) == verdicts.end()) {
        verdicts.push_back(mark);
      }
    }
    absl::StrAppend(&out, "<tr data-op=\"", HtmlEscape(row.op),
                    "\" data-verdicts=\"", absl::StrJoin(verdicts, " "),
                    "\"><th class=\"op\" scope=\"row\">", HtmlEscape(row.op),
                    "</th>");
    for (size_t c : columns) {
      const std::vector<const CaseRecord*> cases = CasesIn(row, c);
      if (cases.empty()) {
        out += "<td>-</td>";
        continue;
      }
      const CaseRecord& shown = ShownCase(cases);
      const char* mark = VerdictMark(shown.verdict);
      absl::StrAppend(&out, "<td class=\"", mark, "\" data-col=\"",
                      ColumnName(c), "\"");
      // A link to the shown case's message, else to the other case's.
      std::optional<size_t> link;
      if (HasEntry(shown)) link = SlotOf(shown);
      if (IsGradColumn(c)) {
        // Both data variants' verdicts and reasons, for the panel and on
        // hover.
        std::vector<std::string> parts;
        std::vector<std::string> titles;
        for (const CaseRecord* record : cases) {
          const size_t s = SlotOf(*record);
          std::string part = absl::StrCat(DataName(record->data), ":",
                                          VerdictMark(record->verdict));
          if (HasEntry(*record)) {
            absl::StrAppend(&part, ":", CaseAnchor(r, s));
            if (!link) link = s;
          }
          parts.push_back(std::move(part));
          titles.push_back(absl::StrCat(
              DataName(record->data), ": ", VerdictMark(record->verdict),
              record->reason.empty() ? "" : ": ", record->reason));
        }
        absl::StrAppend(&out, " data-cases=\"", absl::StrJoin(parts, " "),
                        "\" title=\"", HtmlEscape(absl::StrJoin(titles, "\n")),
                        "\"");
      } else if (!shown.reason.empty()) {
        absl::StrAppend(&out, " title=\"", HtmlEscape(shown.reason), "\"");
      }
      if (link) {
        absl::StrAppend(&out, "><a href=\"#", CaseAnchor(r, *link), "\">", mark,
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
    for (size_t s = 0; s < kSlots; ++s) {
      const auto& cell = rows[r].cases[s];
      if (!cell || !HasEntry(*cell)) continue;
      if (!heading) {
        out += "<h2>Messages</h2>\n";
        heading = true;
      }
      const char* mark = VerdictMark(cell->verdict);
      absl::StrAppend(&out, "<div class=\"case\" id=\"", CaseAnchor(r, s),
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
