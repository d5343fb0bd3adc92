# Install rules and the Debian package (included from the top CMakeLists.txt).
#
#   cmake --install build --prefix /usr/local    # bin/sayso, share/sayso/rules, man page, docs
#   cd build && cpack -G DEB                     # sayso_<version>_<arch>.deb, installs to /usr
#
# The binary finds its rules at <exe>/../share/sayso/rules (see default_rules_dir in
# server/engine/ruleset.cpp) and its modules at <exe>/../lib/sayso, so any prefix works without
# SAYSO_RULES or SAYSO_MODULE_DIR.
include(GNUInstallDirs)

# `cmake --install` and cpack install what is built; they do not build everything first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(TARGETS sayso RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Modules loaded on demand (PDF, the web server's HTTP): sayso looks for them in <exe dir>/../${CMAKE_INSTALL_LIBDIR}/sayso
# (server/core/module_loader.cpp), so /usr/lib/sayso/ in the Debian package.
install(TARGETS sayso_pdf_poppler sayso_http_httplib LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/sayso)

# Rule packs, section aliases, funder profiles and the domain dictionary (rules/spelling/domain.dic).
install(DIRECTORY ${CMAKE_SOURCE_DIR}/rules/ DESTINATION ${CMAKE_INSTALL_DATADIR}/sayso/rules)

# The man page, compressed as Debian policy asks (man reads .gz).
set(SAYSO_MAN_PAGE ${CMAKE_BINARY_DIR}/sayso.1.gz)
add_custom_command(
  OUTPUT ${SAYSO_MAN_PAGE}
  COMMAND gzip -9 -n -c ${CMAKE_SOURCE_DIR}/docs/sayso.1 > ${SAYSO_MAN_PAGE}
  DEPENDS ${CMAKE_SOURCE_DIR}/docs/sayso.1
  COMMENT "Compressing the man page sayso(1)"
  VERBATIM)
add_custom_target(sayso_man_page ALL DEPENDS ${SAYSO_MAN_PAGE})
add_dependencies(sayso sayso_man_page)
install(FILES ${SAYSO_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# The guides, the README and the rule catalogue in share/doc/sayso. The language server links
# each finding to its rule in the catalogue there (server/lsp/rule_catalogue.cpp).
file(GLOB SAYSO_GUIDES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/guide-*.md)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/docs/rules.md ${SAYSO_GUIDES}
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

# --- Debian package (CPack) -------------------------------------------------------------------
set(SAYSO_MAINTAINER "sayso maintainers <sayso-maintainers@users.noreply.github.com>"
    CACHE STRING "The Maintainer field of the Debian package")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sayso)
set(CPACK_PACKAGE_VENDOR "sayso")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${SAYSO_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "plain English and public involvement checks for research grant applications")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)   # /usr/bin/sayso: where the VS Code extension looks
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_NAME sayso)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)    # sayso_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${SAYSO_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# Library dependencies come from dpkg-shlibdeps (package dpkg-dev); the dictionaries are data.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "hunspell-en-gb")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "hunspell-en-us")
# CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY on the first line; this is the long description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"sayso is a language server and command-line linter for UK health and care
research grant applications. It flags jargon in plain-English summaries,
long sentences and passive voice, unexplained acronyms, British spelling,
tokenistic wording in patient and public involvement (PPI) sections, and
missing evidence of involvement, with the reasons and sources for every rule.
.
Commands: sayso check (files and folders), sayso lsp (editors),
sayso batch (funders: many submissions, reports) and sayso serve (a local
web page for public contributors). The rule packs are plain YAML data in
/usr/share/sayso/rules.")
include(CPack)
