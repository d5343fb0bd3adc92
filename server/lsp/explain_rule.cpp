// sayso.explainRule [rule, {"show": false}?]: everything about one rule, in Markdown, as the
// command's result. The rule is named by its id or, as `sayso explain` takes it, by its name
// without the pack ("vague-plans"). Most editors other than VS Code do nothing with a command's
// result, so the server also shows the rule: it opens the rule's entry in the rule catalogue
// (window/showDocument) when the client can and the catalogue is installed, else it sends a
// message (window/showMessage) with the rule's message, the start of its explanation and the
// `sayso explain` command that prints the rest. A client that shows the result itself (the VS
// Code extension) passes {"show": false} to have nothing else shown.
#include "formats/format.h"
#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

constexpr std::size_t kMessageExplanationChars = 320;

// A message template ("Try '{suggestion}' instead of '{match}'") reads best filled with real
// words: the rule's message on the first of its flagged examples it flags, read as the kind of
// section the rule is about ("" when none is flagged, or the message has no placeholders).
std::string example_message(const Rule& rule, const RuleContext& context) {
  if (rule.message.find('{') == std::string::npos || !context.linter) return "";
  const bool scoped = !rule.scope.all && !rule.scope.negated && !rule.scope.kinds.empty();
  const std::string kind = !rule.example_kind.empty() ? rule.example_kind
                           : scoped                   ? rule.scope.kinds.front()
                                                      : "other";
  LoadOptions options;
  options.format = "markdown";
  options.headless_kind = kind == "application" ? "document" : kind;
  for (const std::string& example : rule.examples.flag) {
    LoadResult loaded = load_document("example.md", example, context.rules.sections, options);
    if (!loaded.ok) continue;
    loaded.doc.rebuild_index();
    for (const Diagnostic& d : context.linter->lint_only(loaded.doc, {&rule}).diagnostics)
      if (d.rule_id == rule.id && d.message.find('{') == std::string::npos) return d.message;
  }
  return "";
}

// One paragraph of plain text for window/showMessage: the rule's message, the start of its
// explanation, and the command that prints the rest.
std::string rule_summary_text(const Rule& rule, const RuleSet& rules, const std::string& example) {
  std::string text = rule.id + ": " + rule_message_in_words(rule, example);
  if (!rule.explanation.empty())
    text.append(" ").append(first_sentences(rule.explanation, kMessageExplanationChars));
  return text.append(" More: sayso explain ").append(explain_name(rules, rule.id));
}

// Whether the caller wants the rule shown as well as returned: not when it passes {"show": false}.
bool wants_rule_shown(const json& arguments) {
  if (!arguments.is_array() || arguments.size() < 2 || !arguments[1].is_object()) return true;
  const auto show = arguments[1].find("show");
  return show == arguments[1].end() || !show->is_boolean() || show->get<bool>();
}

}  // namespace

json Server::explain_rule(const json& arguments) {
  const std::string typed = command_argument(arguments, 0, "a rule id");
  const auto context = rules_for_file("", folders_.empty() ? "" : folders_.front());
  if (!context) throw RpcError(ErrorCode::InternalError, "no rules are loaded");
  const Rule& rule = rule_named(context->rules, typed);
  const std::string example = example_message(rule, *context);
  if (wants_rule_shown(arguments))
    show_rule(rule.id, rule_summary_text(rule, context->rules, example));
  return rule_markdown(rule, example);
}

void Server::show_rule(const std::string& rule_id, const std::string& summary) {
  const json* can_show = find_path(client_capabilities_, {"window", "showDocument", "support"});
  const std::optional<std::uint32_t> line = catalogue_.line_of(rule_id);
  if (can_show == nullptr || *can_show != true || !line) return show_message(kMessageInfo, summary);
  const json at = {{"line", *line}, {"character", 0}};
  json params = {
      {"uri", catalogue_.uri()}, {"takeFocus", true}, {"selection", {{"start", at}, {"end", at}}}};
  send_request("window/showDocument", std::move(params),
               [this, summary](const json& result, const json* error) {
                 if (error == nullptr && result.is_object() && result.value("success", false))
                   return;
                 show_message(kMessageInfo, summary);  // the editor could not open it
               });
}

}  // namespace sayso::lsp
