#include "store/sql_aggregation.h"

#include <boost/json.hpp>

#include <set>

namespace mamori::analytics {

namespace {

namespace json = boost::json;

std::string literal(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// The stored JSON text of a string value: what `"key"` looks like in the answers table.
std::string json_text(const std::string& s) { return json::serialize(json::string(s)); }

std::string joined(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? std::string(sep) : "") + parts[i];
  return out;
}

// The value of another question of the same response, 'null' when unanswered.
std::string value_of(const std::string& qid) {
  return "COALESCE((SELECT x.value FROM answers x WHERE x.response_id = a.response_id AND x.question_id = " +
         literal(qid) + "), 'null')";
}

std::string body_attribute(const std::string& subject) {
  if (subject == "body.network_model") return "b.network_model";
  if (subject == "body.type") return "b.type";
  if (subject == "body.core_city") return "(CASE WHEN b.core_city <> 0 THEN 'yes' ELSE 'no' END)";
  if (subject == "body.population_band") return "b.population_band";
  return "''";
}

std::string visible(const Catalog& cat, const Question& q);

// One show_if clause, as clause_holds() in core/answer.cpp evaluates it.
std::string clause(const Catalog& cat, const Clause& cl) {
  std::vector<std::string> lits;
  if (cl.subject.rfind("q:", 0) != 0) {
    for (const auto& v : cl.values) lits.push_back(literal(v));
    std::string in = body_attribute(cl.subject) + " IN (" + joined(lits, ", ") + ")";
    return cl.op == Clause::Op::kNe ? "NOT " + in : in;
  }
  std::string qid = cl.subject.substr(2);
  const Question* target = cat.find(qid);
  if (!target) return "(1 = 0)";
  std::string v = value_of(qid);
  std::string shown = visible(cat, *target);
  if (cl.op == Clause::Op::kHas)
    return "(" + shown + " AND substr(" + v + ", 1, 1) = '[' AND instr(" + v + ", " + literal(json_text(cl.values[0])) +
           ") > 0)";
  // A string answer compares by its content, any other by its JSON text (serialize()).
  for (const auto& val : cl.values) {
    lits.push_back(literal(json_text(val)));
    lits.push_back(literal(val));
  }
  std::string in = v + " IN (" + joined(lits, ", ") + ")";
  if (cl.op == Clause::Op::kNe) return "(" + shown + " AND (" + v + " = 'null' OR NOT " + in + "))";
  return "(" + shown + " AND " + v + " <> 'null' AND " + in + ")";
}

std::string visible(const Catalog& cat, const Question& q) {
  if (q.show_if.empty()) return "(1 = 1)";
  std::vector<std::string> parts;
  for (const auto& cl : q.show_if) parts.push_back(clause(cat, cl));
  return "(" + joined(parts, " AND ") + ")";
}

// Whether the answer `a.value` (not null) counts as implemented; is_implemented().
std::string implemented(const Question& q) {
  if (q.implemented.at_least) {
    char bound[64];
    std::snprintf(bound, sizeof bound, "%.17g", *q.implemented.at_least);
    return "(CASE WHEN substr(a.value, 1, 1) IN ('\"', '[', '{', 't', 'f', 'n') THEN 0 WHEN CAST(a.value AS DOUBLE) >= " +
           std::string(bound) + " THEN 1 ELSE 0 END)";
  }
  std::vector<std::string> scalar, in_array;
  for (const auto& k : q.implemented.keys) {
    scalar.push_back(literal(json_text(k)));
    in_array.push_back("instr(a.value, " + literal(json_text(k)) + ") > 0");
  }
  if (scalar.empty()) return "0";
  return "(CASE WHEN a.value IN (" + joined(scalar, ", ") + ") THEN 1 WHEN substr(a.value, 1, 1) = '[' AND (" +
         joined(in_array, " OR ") + ") THEN 1 ELSE 0 END)";
}

}  // namespace

std::string aggregation_sql(const Catalog& cat, int64_t campaign_id) {
  std::vector<std::string> scored, impl_cases, visible_cases;
  for (const auto& q : cat.questions) {
    if (!q.implemented.defined) continue;
    scored.push_back(literal(q.id));
    impl_cases.push_back("WHEN " + literal(q.id) + " THEN " + implemented(q));
    if (!q.show_if.empty()) visible_cases.push_back("WHEN " + literal(q.id) + " THEN " + visible(cat, q));
  }
  if (scored.empty()) return "SELECT '' AS grp, '' AS question_id, 0 AS implemented, 0 AS applicable WHERE 1 = 0";
  std::string visible_test =
      visible_cases.empty() ? "" : "\n    AND (CASE a.question_id " + joined(visible_cases, "\n      ") + " ELSE (1 = 1) END)";
  // One pass scores every answer into the finest cells (body attributes × question); the
  // groups are then sums of cells, so the answers are read once.
  return "WITH cells AS (\n"
         "  SELECT b.type, substr(b.code, 1, 2) AS pref, b.network_model, b.population_band, a.question_id,\n"
         "    SUM(CASE a.question_id " +
         joined(impl_cases, "\n      ") +
         " ELSE 0 END) AS implemented,\n"
         "    COUNT(*) AS applicable\n"
         "  FROM responses r JOIN answers a ON a.response_id = r.id JOIN bodies b ON b.code = r.body_code\n"
         "  WHERE r.campaign_id = " +
         std::to_string(campaign_id) +
         " AND r.state IN ('submitted', 'accepted')\n"
         "    AND a.value IS NOT NULL AND a.value <> 'null'\n"
         "    AND a.question_id IN (" +
         joined(scored, ", ") + ")" + visible_test +
         "\n  GROUP BY b.type, substr(b.code, 1, 2), b.network_model, b.population_band, a.question_id\n"
         ")\n"
         "SELECT 'national' AS grp, question_id, SUM(implemented) AS implemented, SUM(applicable) AS applicable FROM cells GROUP BY question_id\n"
         "UNION ALL SELECT 'type:' || type, question_id, SUM(implemented), SUM(applicable) FROM cells GROUP BY type, question_id\n"
         "UNION ALL SELECT 'pref:' || pref, question_id, SUM(implemented), SUM(applicable) FROM cells GROUP BY pref, question_id\n"
         "UNION ALL SELECT 'network:' || network_model, question_id, SUM(implemented), SUM(applicable) FROM cells\n"
         "  WHERE network_model <> '' GROUP BY network_model, question_id\n"
         "UNION ALL SELECT 'pop:' || population_band, question_id, SUM(implemented), SUM(applicable) FROM cells\n"
         "  WHERE population_band <> '' GROUP BY population_band, question_id\n";
}

FiguresByGroup engine_figures(const Aggregates& aggregates, int64_t campaign_id, const Catalog& cat) {
  FiguresByGroup out;
  for (const auto& [group, figures] : aggregates.all_groups(campaign_id))
    for (size_t i = 0; i < figures.questions.size() && i < cat.questions.size(); ++i)
      if (figures.questions[i].applicable != 0) out[group][cat.questions[i].id] = figures.questions[i];
  return out;
}

void add_row(FiguresByGroup& out, const std::string& group, const std::string& question_id, int64_t implemented,
             int64_t applicable) {
  Ratio& r = out[group][question_id];
  r.implemented += implemented;
  r.applicable += applicable;
}

std::vector<std::string> differences(const FiguresByGroup& a, const FiguresByGroup& b, size_t max_lines) {
  std::set<std::string> groups;
  for (const auto& [g, _] : a) groups.insert(g);
  for (const auto& [g, _] : b) groups.insert(g);
  auto ratio = [](const FiguresByGroup& f, const std::string& g, const std::string& q) {
    auto gi = f.find(g);
    if (gi == f.end()) return Ratio{};
    auto qi = gi->second.find(q);
    return qi == gi->second.end() ? Ratio{} : qi->second;
  };
  std::vector<std::string> out;
  for (const auto& g : groups) {
    std::set<std::string> questions;
    if (auto it = a.find(g); it != a.end())
      for (const auto& [q, _] : it->second) questions.insert(q);
    if (auto it = b.find(g); it != b.end())
      for (const auto& [q, _] : it->second) questions.insert(q);
    for (const auto& q : questions) {
      Ratio x = ratio(a, g, q), y = ratio(b, g, q);
      if (x == y) continue;
      if (out.size() < max_lines)
        out.push_back(g + " " + q + ": " + std::to_string(x.implemented) + "/" + std::to_string(x.applicable) + " vs " +
                      std::to_string(y.implemented) + "/" + std::to_string(y.applicable));
      else
        return out;
    }
  }
  return out;
}

}  // namespace mamori::analytics
