// The page's files (HTML, CSS, JavaScript), embedded in the binary at build time from
// server/web/assets/ (the generated web_assets.cpp lives in the build folder).
#pragma once
#include <span>
#include <string_view>

namespace sayso::web {

struct EmbeddedAsset {
  std::string_view url_path;      // e.g. "/app.js"
  std::string_view content_type;  // e.g. "text/javascript; charset=utf-8"
  std::string_view body;
};

// Every embedded file.
std::span<const EmbeddedAsset> embedded_assets();

// The asset served at `url_path` ("/" is the page itself), or nullptr.
const EmbeddedAsset* find_embedded_asset(std::string_view url_path);

}  // namespace sayso::web
