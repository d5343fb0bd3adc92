#include <catch2/catch.hpp>

#include <string>

#include <yaml-cpp/yaml.h>

#include "engine/data_node.h"

using namespace sayso;

TEST_CASE("data trees keep each value's line and each key's line", "[data-node]") {
  const DataNode root = parse_data("id: a\nlist:\n  - x\n  - 'y: z'\nmap: {k: v}\nnothing:\n");
  REQUIRE(root.is_map());
  CHECK(root["id"].value() == "a");
  CHECK(root["id"].line() == 1);
  CHECK(root["list"].key_line() == 2);
  CHECK(root["list"].children()[1].value() == "y: z");
  CHECK(root["list"].children()[1].line() == 4);
  CHECK(root["map"]["k"].value() == "v");
  CHECK(root["nothing"]);
  CHECK(root["nothing"].is_empty());
  CHECK_FALSE(root["absent"]);
  CHECK(root["absent"].is_empty());
  CHECK(root["absent"]["deeper"].is_empty());  // lookups through a missing node stay missing
  CHECK(root["id"]["k"].is_empty());           // and through a text
}

TEST_CASE("data values read as numbers and truth values as YAML reads them", "[data-node]") {
  CHECK(DataNode::text("3").number() == 3.0);
  CHECK(DataNode::text("0.25").number() == 0.25);
  CHECK(DataNode::text("-2").number() == -2.0);
  CHECK(DataNode::text("+1e3").number() == 1000.0);
  CHECK_FALSE(DataNode::text("3 words").number());
  CHECK_FALSE(DataNode::text("").number());
  CHECK_FALSE(DataNode::text("nan").number());
  CHECK_FALSE(DataNode::list().number());
  CHECK(DataNode::text("true").truth() == true);
  CHECK(DataNode::text("Yes").truth() == true);
  CHECK(DataNode::text("off").truth() == false);
  CHECK_FALSE(DataNode::text("maybe").truth());
}

TEST_CASE("data trees can be changed: settings replace, words are added", "[data-node]") {
  DataNode rule = parse_data("language: en_GB\nwords: solo\n");
  rule.set("language", DataNode::text("en_US"));
  CHECK(rule["language"].value() == "en_US");
  CHECK(rule["language"].key_line() == 1);  // the replaced key keeps its line
  DataNode* words = rule.find("words");
  REQUIRE(words);
  words->push_back(DataNode::text("extra"));  // a single text becomes a list holding it
  REQUIRE(words->is_list());
  CHECK(words->children()[0].value() == "solo");
  CHECK(words->children()[1].value() == "extra");
  rule.set("new", DataNode::list()).push_back(DataNode::text("x"));
  CHECK(rule["new"].children()[0].value() == "x");
  CHECK(rule.find("absent") == nullptr);
  CHECK(rule.size() == 3);
}

TEST_CASE("data trees refuse YAML that expands without bound", "[data-node][limits]") {
  // Each line doubles the last: 2^30 values from a few hundred bytes ("billion laughs").
  std::string yaml = "a0: &a0 [x, x]\n";
  for (int i = 1; i <= 30; ++i)
    yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" + std::to_string(i - 1) +
            ", *a" + std::to_string(i - 1) + "]\n";
  CHECK_THROWS_WITH(parse_data(yaml), Catch::Contains("aliases repeat"));
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "[";
  for (int i = 0; i < 300; ++i) deep += "]";
  CHECK_THROWS_WITH(parse_data(deep), Catch::Contains("nested more than 256"));
  // Aliases within the limit are copied.
  const DataNode small = parse_data("base: &b {k: v}\nother: *b\n");
  CHECK(small["other"]["k"].value() == "v");
}

TEST_CASE("a map's first value for a key written twice is the one read", "[data-node]") {
  const DataNode root = data_from_yaml(YAML::Load("k: first\nk: second\n"));
  CHECK(root["k"].value() == "first");
}
