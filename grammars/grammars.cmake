# Builds each fetched grammar as its own static C library with its own bundled parser.h.
function(sayso_grammar target dir)
  add_library(${target} STATIC ${dir}/src/parser.c ${dir}/src/scanner.c)
  target_include_directories(${target} PRIVATE ${dir}/src)
  set_target_properties(${target} PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
  target_compile_options(${target} PRIVATE -w)
  # The generated parse tables are not instrumented in the sanitizer and fuzz builds: with ASan
  # and coverage, clang had not finished the LaTeX grammar's 44 MB parser.c after 6 minutes, and
  # that code only indexes its own constant arrays. The hand-written external scanners stay
  # instrumented.
  if(SAYSO_SANITIZE OR SAYSO_FUZZ)
    set_source_files_properties(${dir}/src/parser.c PROPERTIES COMPILE_OPTIONS -fno-sanitize=all)
  endif()
endfunction()

set(md_pkg ${SAYSO_GRAMMAR_DIR}/tree-sitter-grammars-tree-sitter-markdown)
sayso_grammar(ts_markdown ${md_pkg}/tree-sitter-markdown)
sayso_grammar(ts_markdown_inline ${md_pkg}/tree-sitter-markdown-inline)

# LaTeX: a 44 MB parser.c (about 7 s and 350 MB to compile) plus an external scanner.
sayso_grammar(ts_latex ${SAYSO_GRAMMAR_DIR}/pfoerster-tree-sitter-latex)
