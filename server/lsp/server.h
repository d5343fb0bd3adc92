// The language server's state and dispatch. Each LSP feature lives in its own file:
// event_loop.cpp (reading, queueing, debounce, cancellation), server.cpp (lifecycle, dispatch),
// text_sync.cpp, diagnostics.cpp (push), pull_diagnostics.cpp, hover.cpp, code_actions.cpp,
// dictionary_edit.cpp (words: in .sayso.yml), document_symbols.cpp, inlay_hints.cpp,
// document_summary.cpp, code_lens.cpp, section_figures_label.cpp, configuration.cpp (client
// settings), file_watching.cpp, workspace.cpp (.sayso.yml and rule sets), workspace_folders.cpp,
// commands.cpp (workspace/executeCommand), explain_rule.cpp (sayso.explainRule), rule_names.cpp,
// rule_catalogue.cpp (links to docs/rules.md), spelling_choices.cpp; fd_input.cpp reads stdin so
// the loop can wait on it.
#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.h"
#include "core/document.h"
#include "core/positions.h"
#include "engine/diagnostic.h"
#include "engine/linter.h"
#include "engine/ruleset.h"
#include "engine/section_figures.h"
#include "lsp/jsonrpc.h"
#include "lsp/lsp.h"
#include "lsp/rule_catalogue.h"
#include "lsp/transport.h"

namespace sayso::lsp {

using Clock = std::chrono::steady_clock;

// How many findings one document lists unless the maxProblems setting says otherwise: far more
// than a long application has (a few hundred), far fewer than a pasted 1.5 MB report (9,500).
constexpr std::size_t kDefaultMaxProblems = 1000;

// The rules and linter for the documents governed by one .sayso.yml (or by none).
struct RuleContext {
  std::string config_file;  // "" = default settings
  Config config;
  RuleSet rules;
  std::unique_ptr<Linter> linter;  // null when no rules could be loaded; refers to `rules`
};

struct OpenDocument {
  std::string uri;
  std::string path;  // file path for file: URIs, else the URI's last segment (for its name only)
  bool is_file = false;
  std::string language_id;
  std::string text;
  std::int64_t version = 0;
  // Lint state: `dirty` until the current text is linted; `due` is when the debounced lint runs.
  bool dirty = true;
  bool lint_scheduled = false;
  Clock::time_point due{};
  std::uint64_t lint_number = 0;               // changes with every lint: the pull resultId
  std::shared_ptr<const RuleContext> context;  // the rules of the last lint
  std::shared_ptr<const Document> document;    // the last linted Document (null if not prose)
  std::vector<Diagnostic> diagnostics;         // of the last lint: byte ranges into `text`
  std::optional<std::vector<SectionFigures>> figures;  // computed on demand, per lint
  // What was last published, as a hash of the message: a settings reload that changes nothing
  // sends nothing (Eglot 1.9 spent 30 s on each copy of 9,000 findings).
  std::optional<std::size_t> published_hash;
};

// What the lint of some text gives: the findings and the Document they index.
struct LintOutput {
  std::vector<Diagnostic> diagnostics;
  std::shared_ptr<const Document> document;
};

// A rule or config file that failed to load: shown as a diagnostic in that file.
struct FileProblem {
  std::string path;
  std::uint32_t line = 0;  // 0-based
  std::string message;
};

class Server {
 public:
  Server(Transport& transport, LanguageServerOptions options);
  // Serves until `exit` or the end of the input; returns the exit status.
  int run();

 private:
  using RequestHandler = json (Server::*)(const json& params);
  using NotificationHandler = void (Server::*)(const json& params);
  using ReplyHandler = std::function<void(const json& result, const json* error)>;
  static const std::map<std::string, RequestHandler, std::less<>>& request_handlers();
  static const std::map<std::string, NotificationHandler, std::less<>>& notification_handlers();

  // event_loop.cpp: reading, queueing, debounced lints and cancellation.
  bool read_messages();  // reads one message, then all that wait; false at the end of the input
  void accept_body(const std::string& body);
  void accept_oversized(const Transport::Frame& frame);
  void handle_next_queued();
  bool run_due_lints();
  std::optional<Clock::time_point> next_lint_due() const;
  void note_cancel(const json& params);
  // Inside a long request: reads what has arrived and throws RequestCancelled if the client
  // cancelled the request being served.
  void check_cancelled();

  // server.cpp: dispatch and lifecycle.
  void handle_message(const Message& message);
  void handle_request(const Message& message);
  void handle_notification(const Message& message);
  void handle_response(const Message& message);
  json on_initialize(const json& params);
  void on_initialized(const json& params);
  json on_shutdown(const json& params);
  void send(const json& message);
  void send_request(std::string method, json params, ReplyHandler on_reply = nullptr);
  void log(std::string_view text);
  void show_message(int type, const std::string& text);

  // text_sync.cpp
  void on_did_open(const json& params);
  void on_did_change(const json& params);
  void on_did_close(const json& params);
  void on_did_save(const json& params);
  OpenDocument* find_document(const std::string& uri);
  // The open document named by params.textDocument.uri, linted; InvalidParams if not open.
  OpenDocument& require_document(const json& params);

  // diagnostics.cpp
  void schedule_lint(OpenDocument& doc, std::chrono::milliseconds delay);
  void ensure_linted(OpenDocument& doc);
  void lint_and_publish(OpenDocument& doc);
  void relint_all_open();
  LintOutput lint(const std::string& path, const std::string& text, const std::string& language_id,
                  const RuleContext& context);
  // Keeps the max_problems_ most serious findings, with a note saying how many were left out.
  void limit_findings(std::vector<Diagnostic>& diagnostics, const Document& doc) const;
  json lsp_diagnostics(const OpenDocument& doc) const;
  json lsp_diagnostics(const std::vector<Diagnostic>& diagnostics, std::string_view text) const;
  // A file that is not open, read from disk and linted with the rules of its folder.
  LintOutput lint_file_on_disk(const std::string& path, std::string& text);
  void publish_diagnostics(const std::string& uri, std::optional<std::int64_t> version,
                           json diagnostics);

  // pull_diagnostics.cpp
  json on_document_diagnostic(const json& params);
  json on_workspace_diagnostic(const json& params);
  void request_diagnostic_refresh();

  // hover.cpp
  json on_hover(const json& params);

  // code_actions.cpp
  json on_code_action(const json& params);
  json on_code_action_resolve(const json& action);

  // document_symbols.cpp, inlay_hints.cpp, document_summary.cpp
  json on_document_symbol(const json& params);
  json on_inlay_hint(const json& params);
  json on_document_summary(const json& params);
  // code_lens.cpp
  json on_code_lens(const json& params);
  json show_section(const json& arguments);
  void request_section_figures_refresh();
  const std::vector<SectionFigures>& figures_of(OpenDocument& doc);

  // configuration.cpp
  void on_did_change_configuration(const json& params);
  void request_client_settings();
  void apply_client_settings(const json& settings);
  void apply_folder_settings(const std::string& folder, const json& settings);
  bool client_answers_configuration() const;

  // file_watching.cpp
  void register_file_watchers();
  void on_did_change_watched_files(const json& params);
  bool is_settings_file(const std::string& path) const;
  void forget_settings_file(const std::string& path);
  void reload_rules(const std::string& why);
  void report_file_problem(const std::string& error_text);
  void publish_file_problems(const std::string& path);
  void clear_file_problems();
  json file_problem_diagnostics(const std::string& path) const;

  // workspace.cpp
  // The editor's settings under a .sayso.yml, by settings scope and config file.
  struct BaseConfigSlot {
    std::optional<Config> file_config;  // the config file's last good contents
    std::optional<Config> config;       // the editor's settings with the file's on top
    std::filesystem::file_time_type seen_time{};
    // When each file of file_config->sources (the .sayso.yml files above the nearest one, and
    // those they extend) was last changed: a team's file above the workspace is not watched by
    // the editor, so it is looked at before each lint.
    std::vector<std::filesystem::file_time_type> source_times;
    bool stale = true;             // reload at the next lint (rules or settings changed)
    std::uint64_t generation = 0;  // changes with every reload
  };
  std::shared_ptr<const RuleContext> rules_for(const OpenDocument& doc);
  // The rules for the file at `path` ("" for a buffer with no file: no overrides apply), with the
  // .sayso.yml searched upward from `dir`.
  std::shared_ptr<const RuleContext> rules_for_file(const std::string& path,
                                                    const std::string& dir);
  const BaseConfigSlot& base_config(const std::string& scope, const std::string& config_file);
  static std::vector<std::filesystem::file_time_type> source_times_of(const BaseConfigSlot& slot);
  std::shared_ptr<RuleContext> load_rule_context(Config config, const std::string& config_file,
                                                 const std::shared_ptr<RuleContext>& last_good);
  // The workspace folder whose own editor settings apply to `path`, or "" for the global ones.
  std::string settings_scope_of(const std::string& path) const;
  const Config& client_settings_for(const std::string& scope) const;

  // workspace_folders.cpp
  void set_workspace_folders(const json& initialize_params);
  void on_did_change_workspace_folders(const json& params);
  std::string folder_of(const std::string& path) const;
  std::vector<std::string> workspace_files();

  // commands.cpp
  json on_execute_command(const json& params);
  json lint_workspace(const json& params);
  json explain_rule(const json& arguments);
  // explain_rule.cpp: a rule shown to a client that may not show a command's result: its
  // catalogue entry (window/showDocument) when the client can open one, else `summary`.
  void show_rule(const std::string& rule_id, const std::string& summary);
  json add_word(const json& arguments);
  json set_language(const json& arguments);
  std::string known_rule_or_pack(const std::string& typed, const std::string& uri);
  json disable_rule(const json& arguments);
  // The workspace's .sayso.yml governing the document at `uri` ("" = the first folder), and its
  // text; a new file (text "" or an `extends:` of the config that applied) when there is none
  // inside the workspace.
  std::pair<std::string, std::string> workspace_config_for(const std::string& uri);
  // A .sayso.yml's text as the editor has it: the file on disk, or, while the disk still says
  // what it said then, the text after the edits sent to the editor (workspace/applyEdit) for a
  // buffer the server does not see (sent_config_edits_).
  std::string config_text_after_sent_edits(const std::string& path);
  // What a command changes in a .sayso.yml, as settings.
  struct ConfigChange {
    std::string description;  // "added 'Brumfield'"
    std::vector<std::string> words;
    std::optional<std::string> language;
    std::vector<std::string> disabled_rules;
  };
  // Changes a config file from `old_text` to `new_text`: through the editor (workspace/applyEdit)
  // when it can apply edits and the file exists, so that the user sees the change and can undo
  // it; else by writing the file. Re-lints; shows and throws on failure.
  void change_workspace_config(const std::string& path, const std::string& old_text,
                               const std::string& new_text, ConfigChange change);
  // A change the editor made to a .sayso.yml in its buffer, perhaps not saved yet: applied on top
  // of the file's settings until the file changes on disk.
  struct UnsavedConfigChange {
    std::filesystem::file_time_type disk_time{};
    std::vector<std::string> words;
    std::optional<std::string> language;
    std::vector<std::string> disabled_rules;
  };
  void apply_unsaved_changes(const std::string& config_file,
                             std::filesystem::file_time_type disk_time, Config& config);

  Transport& transport_;
  LanguageServerOptions options_;
  ColumnUnit position_unit_ = ColumnUnit::Utf16Units;
  bool hover_markdown_ = true;
  bool initialized_ = false;
  bool shutdown_requested_ = false;
  bool exit_requested_ = false;
  bool input_ended_ = false;
  std::chrono::milliseconds debounce_{0};
  // Section figures as inlay hints as well as code lenses: off unless the "inlayHints" setting
  // asks (an editor showing both shows the same figures twice at each heading).
  bool inlay_hints_ = false;
  // The most findings one document lists (the maxProblems setting; 0: no limit): thousands of
  // them in a pasted report slow some editors to a crawl at every publish.
  std::size_t max_problems_ = kDefaultMaxProblems;
  json client_capabilities_ = json::object();
  bool push_diagnostics_ = true;
  std::vector<std::string> folders_;               // workspace folder paths, in the client's order
  std::map<std::string, OpenDocument> documents_;  // by URI
  // By settings scope + config file (see BaseConfigSlot): the config file's modification time
  // when it was last read (whether or not that read succeeded), so a broken file is reported once.
  std::map<std::string, BaseConfigSlot> base_configs_;
  // By settings scope + config file + override variant: the last good rules.
  struct ContextSlot {
    std::shared_ptr<RuleContext> context;
    std::uint64_t generation = 0;  // of the base config it was loaded from
  };
  std::map<std::string, ContextSlot> rule_contexts_;
  std::uint64_t config_generation_ = 0;  // numbers every reload of a base config
  std::uint64_t rules_generation_ = 0;   // changes whenever the rules or settings reload
  std::uint64_t lint_counter_ = 0;       // numbers every lint of an open document
  Config client_settings_;               // from the editor: under every .sayso.yml
  json client_settings_json_ = nullptr;  // as the editor sent them
  // Workspace folders whose editor settings differ from the global ones (workspace/configuration
  // with a scopeUri): the folder's documents use these instead.
  std::map<std::string, Config> folder_settings_;
  std::map<std::string, UnsavedConfigChange> unsaved_config_changes_;  // by config file path
  // The edits sent to the editor for a .sayso.yml it has not opened with us (so its buffer, saved
  // or not, is not seen here): the file's text on disk when the last was sent, and the text the
  // editor's buffer has after them. A second change before the first is saved starts from that
  // text, and so goes into the same `rules:` map. By config file path.
  struct SentConfigEdit {
    std::string disk_text;
    std::string buffer_text;
  };
  std::map<std::string, SentConfigEdit> sent_config_edits_;
  RuleCatalogue catalogue_;  // docs/rules.md beside the rules, if there is one
  std::vector<FileProblem> file_problems_;
  std::string last_problem_shown_;                 // the last settings error shown as a pop-up
  std::set<std::string> problem_files_published_;  // files whose problem diagnostics are shown

  // Messages read but not yet handled, and the requests the client cancelled meanwhile.
  std::deque<Message> queue_;
  std::set<std::string> cancelled_;  // request ids (dumped JSON)
  json current_request_ = nullptr;   // id of the request being served
  int next_request_id_ = 1;
  std::map<int, ReplyHandler> awaiting_reply_;
};

// Helpers the features use, exposed for unit tests.

// Applies one TextDocumentContentChangeEvent (a ranged edit, or the whole new text) to `text`.
// Positions past the end of a line or of the document are clamped (and reported in `clamped`).
// Throws RpcError on bad shapes.
void apply_content_change(std::string& text, const json& change, ColumnUnit unit,
                          bool* clamped = nullptr);

// One engine diagnostic as an LSP Diagnostic, its range in `unit` over `lines`; its
// codeDescription.href is the rule's entry in `catalogue` when it has one.
json to_lsp_diagnostic(const Diagnostic& diagnostic, const LineIndex& lines, ColumnUnit unit,
                       const RuleCatalogue* catalogue = nullptr);
// The same for a list, over `text`, written straight to JSON text (the publishDiagnostics of
// every edit): equal, once parsed, to the array of to_lsp_diagnostic.
std::string lsp_diagnostics_text(const std::vector<Diagnostic>& diagnostics, std::string_view text,
                                 ColumnUnit unit, const RuleCatalogue* catalogue = nullptr);

// Where to read all about a rule: the name `sayso explain` takes, and its catalogue entry ("" when
// there is none).
struct RuleReferences {
  std::string explain_name;
  std::string catalogue_link;
};
// The hover text for one finding, short (Markdown): its message, the swap, the start of the
// rule's explanation, one example it flags and one it leaves alone, where to read more, and a
// line for each finding `also_here` (at the same place). `rule` may be null (findings with no
// rule behind them).
std::string hover_markdown(const Diagnostic& diagnostic, const Rule* rule,
                           const RuleReferences& references = {},
                           const std::vector<Diagnostic>& also_here = {});
// Everything about one rule (sayso.explainRule): message, explanation, examples, sources,
// who shaped it and the decisions behind it (Markdown). The message is shown as
// `example_message` (the rule's message on one of its flagged examples) when given, else with its
// placeholders ("{match}") in plain words.
std::string rule_markdown(const Rule& rule, const std::string& example_message = "");
// The rule's message with its placeholders in plain words ("Try a plainer word instead of the
// words flagged"), or `example_message` when that is given.
std::string rule_message_in_words(const Rule& rule, const std::string& example_message = "");

// Argument `index` of a command when it is a string; else InvalidParams saying it must be `what`.
std::string command_argument(const json& arguments, std::size_t index, std::string_view what);

// The text's whole sentences that fit in `max` bytes (at least its first, itself cut at a word
// with "…" when it is longer).
std::string first_sentences(std::string_view text, std::size_t max);

// The rule `typed` names in `rules`: its id, or its name without the pack ("vague-plans") when
// only one pack has a rule by that name. Throws InvalidParams saying what it may have meant.
const Rule& rule_named(const RuleSet& rules, const std::string& typed);
// The shortest name for `sayso explain`: the rule's name without its pack when no other pack has
// a rule by that name, else its id.
std::string explain_name(const RuleSet& rules, const std::string& id);

// A misspelt word's suggestions: those of the finding (the diagnostic's data.suggestions), or,
// when it has none, Hunspell's (with `linter`, over the linted `text`); at most
// kMostSpellingChoices either way.
constexpr std::size_t kMostSpellingChoices = 3;
std::vector<std::string> spelling_choices(const Diagnostic& d, std::string_view text,
                                          const Linter* linter);
bool is_spelling_finding(const Diagnostic& d, const Rule* rule);

// A section's evidence as its findings count it: the largest checklist (the involvement
// checklist: "covers 1 of 13 things reviewers look for") on its own, and the other checklists'
// points (the UK Standards hints) together.
struct EvidenceCounts {
  std::size_t present = 0, total = 0;
  std::size_t other_present = 0, other_total = 0;
};
EvidenceCounts evidence_counts(const SectionFigures& figures);
// The largest checklist of a section (null when it has none).
const Checklist* main_checklist(const SectionFigures& figures);
// An involvement level in plain words: "asking views (consult)".
std::string involvement_level_words(const std::string& level);
// "287 / 300 words · reading age 11 · evidence 9 of 13 · other points 1 of 3 · involvement level:
// asking views (consult)": a section's figures in one line.
std::string section_figures_label(const SectionFigures& figures);
// Whether a section has figures worth showing at its heading: a title's words are its heading,
// so "0 words" above it would say nothing.
inline bool shows_figures(const SectionFigures& figures) { return figures.kind != "title"; }

// `text` (a .sayso.yml, possibly empty) with `word` added to its `words:` list; other settings and
// comments are kept. Throws std::runtime_error if the text is not a YAML map.
std::string add_word_to_config_text(const std::string& text, const std::string& word);

// `text` (a .sayso.yml, possibly empty) with its `language:` set to `language`, in place when it
// has one (the line's comment kept), else added. Throws std::runtime_error if the text is not a
// YAML map.
std::string set_language_in_config_text(const std::string& text, const std::string& language);

// `text` (a .sayso.yml, possibly empty) with `rule: off` under its `rules:`, changed in place
// when the rule is there with a severity or on/off, else added. Throws std::runtime_error if the
// text is not a YAML map, or the rule's settings are more than one value.
std::string disable_rule_in_config_text(const std::string& text, const std::string& rule);

// The "sayso" settings inside what a client sent: `settings` itself, or the object under its
// "settings" or "sayso" key (and so on down: {"settings": {"sayso": {...}}}).
const json& settings_section(const json& settings);

// "file:12: what" → {file, 11, what}; nullopt when the text has no file:line prefix.
std::optional<FileProblem> parse_file_problem(const std::string& error_text);

// The id of a request in the first bytes of a message too large to read, if it can be seen.
std::optional<json> sniff_request_id(std::string_view prefix);

enum MessageType { kMessageError = 1, kMessageWarning = 2, kMessageInfo = 3, kMessageLog = 4 };

}  // namespace sayso::lsp
