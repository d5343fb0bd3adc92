# Turns every file in ASSET_DIR into a raw string literal in OUTPUT (a .cpp defining
# sayso::web::find_embedded_asset). Run with: cmake -DASSET_DIR=... -DOUTPUT=... -P embed_assets.cmake
set(delimiter "sayso_asset")
file(GLOB asset_files RELATIVE ${ASSET_DIR} ${ASSET_DIR}/*)
list(SORT asset_files)
set(entries "")
foreach(name IN LISTS asset_files)
  file(READ ${ASSET_DIR}/${name} content)
  string(FIND "${content}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${name} contains the raw-string delimiter )${delimiter}\"")
  endif()
  get_filename_component(ext ${name} EXT)
  if(ext STREQUAL ".html")
    set(type "text/html; charset=utf-8")
  elseif(ext STREQUAL ".css")
    set(type "text/css; charset=utf-8")
  elseif(ext STREQUAL ".js")
    set(type "text/javascript; charset=utf-8")
  elseif(ext STREQUAL ".svg")
    set(type "image/svg+xml")
  else()
    message(FATAL_ERROR "${name}: no content type known for '${ext}'")
  endif()
  set(url "/${name}")
  if(name STREQUAL "index.html")
    set(url "/")
  endif()
  string(APPEND entries "    {\"${url}\", \"${type}\", R\"${delimiter}(${content})${delimiter}\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp "// Generated from server/web/assets by embed_assets.cmake: do not edit.
#include \"web/embedded_assets.h\"


namespace sayso::web {
namespace {
const EmbeddedAsset kAssets[] = {
${entries}};
}  // namespace

std::span<const EmbeddedAsset> embedded_assets() { return kAssets; }

const EmbeddedAsset* find_embedded_asset(std::string_view url_path) {
  for (const EmbeddedAsset& asset : kAssets)
    if (asset.url_path == url_path) return &asset;
  return nullptr;
}

}  // namespace sayso::web
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
