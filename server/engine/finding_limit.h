// A limit on how many findings one document lists, shared by the fronts that need one (the
// batch's --max-findings, the editor's maxProblems): the most serious are kept, and a note says
// how many were left out, so a list that is not whole never looks whole.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include "engine/diagnostic.h"

namespace sayso {

struct Document;

// Keeps the `limit` most severe findings (among equals, those earliest in the text), in their
// order. 0 means no limit. Returns how many were dropped.
std::size_t keep_most_severe(std::vector<Diagnostic>& diagnostics, std::size_t limit);

// The note a document with too many findings gets, at its start (where document-level findings
// go). `what` names the text ("submission", "document"); `see_all` says how to see them all.
Diagnostic findings_left_out_note(const Document& doc, std::string_view what, std::size_t shown,
                                  std::size_t total, std::string_view see_all);

// Adds a finding where it belongs among findings sorted by position, then rule id.
void insert_in_order(std::vector<Diagnostic>& diagnostics, Diagnostic d);

}  // namespace sayso
