# The web front's embedded page: server/web/assets/* become raw string literals in a generated
# .cpp in the build folder, compiled into sayso_web.
file(GLOB sayso_web_assets CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/server/web/assets/*)
set(sayso_web_assets_cpp ${CMAKE_BINARY_DIR}/generated/web_assets.cpp)
add_custom_command(
  OUTPUT ${sayso_web_assets_cpp}
  COMMAND ${CMAKE_COMMAND} -DASSET_DIR=${CMAKE_SOURCE_DIR}/server/web/assets
          -DOUTPUT=${sayso_web_assets_cpp} -P ${CMAKE_SOURCE_DIR}/server/web/embed_assets.cmake
  DEPENDS ${sayso_web_assets} ${CMAKE_SOURCE_DIR}/server/web/embed_assets.cmake
  COMMENT "Embedding the web page's assets")
target_sources(sayso_web PRIVATE ${sayso_web_assets_cpp})
