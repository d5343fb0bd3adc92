// Phrases match their words written with or without everyday contractions.
#include <catch2/catch.hpp>

#include "engine/phrase_matcher.h"
#include "test_helpers.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

// The texts of the matches of `phrase` in `text`.
std::vector<std::string> matches_of(const std::string& phrase, const std::string& text) {
  PhraseMatcher matcher;
  REQUIRE(matcher.add(phrase, {0, 0, 0}).empty());
  Document doc = load(text);
  std::vector<std::string> out;
  for (const PhraseMatch& m : matcher.match(doc))
    out.push_back(doc.source.bytes.substr(m.begin, m.end - m.begin));
  return out;
}

}  // namespace

TEST_CASE("phrases: 'we will ask' also matches 'we'll ask', and the other way round", "[phrases]") {
  CHECK(matches_of("we will ask", "We'll ask people. We will ask them.\n") ==
        std::vector<std::string>{"We'll ask", "We will ask"});
  CHECK(matches_of("we'll ask", "We will ask them.\n") == std::vector<std::string>{"We will ask"});
  // A typographic apostrophe is the same letter.
  CHECK(matches_of("do not pay", "We don\u2019t pay.\n") ==
        std::vector<std::string>{"don\u2019t pay"});
  CHECK(matches_of("will not be paid", "They won't be paid.\n") ==
        std::vector<std::string>{"won't be paid"});
  CHECK(matches_of("cannot", "We can't.\n") == std::vector<std::string>{"can't"});
  // Only whole words: "we willingly" is not "we'll".
  CHECK(matches_of("we will", "We willingly ask.\n").empty());
}

TEST_CASE("phrases: several contractions in one phrase, with wildcards", "[phrases]") {
  CHECK(matches_of("we are * we will", "We're sure we'll help. We are sure we will help.\n") ==
        std::vector<std::string>{"We're sure we'll", "We are sure we will"});
}

TEST_CASE("phrases: one filler word may stand between a phrase's words", "[phrases]") {
  CHECK(matches_of("will be sought", "Views will also be sought.\n") ==
        std::vector<std::string>{"will also be sought"});
  CHECK(matches_of("we consulted", "We then consulted carers.\n") ==
        std::vector<std::string>{"We then consulted"});
  // Not before the first word or after the last, and only one.
  CHECK(matches_of("will be sought", "Also will be sought also.\n") ==
        std::vector<std::string>{"will be sought"});
  CHECK(matches_of("will be sought", "It will also then be sought.\n").empty());
  // Other words are not fillers.
  CHECK(matches_of("will be sought", "It will soon be sought.\n").empty());
}

TEST_CASE("phrases: a swap is not offered across a filler word", "[phrases][kinds]") {
  PhraseMatcher matcher;
  REQUIRE(matcher.add("carry out", {0, 0, 0}).empty());
  Document doc = load("We carry also out tests.\n");
  const auto found = matcher.match(doc);
  REQUIRE(found.size() == 1);
  CHECK(found[0].with_filler);
}
