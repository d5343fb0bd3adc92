# Builds each fetched grammar as its own static C library with its own bundled parser.h.
function(sayso_grammar target dir)
  add_library(${target} STATIC ${dir}/src/parser.c ${dir}/src/scanner.c)
  target_include_directories(${target} PRIVATE ${dir}/src)
  set_target_properties(${target} PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
  target_compile_options(${target} PRIVATE -w)
endfunction()

set(md_pkg ${SAYSO_GRAMMAR_DIR}/tree-sitter-grammars-tree-sitter-markdown)
sayso_grammar(ts_markdown ${md_pkg}/tree-sitter-markdown)
sayso_grammar(ts_markdown_inline ${md_pkg}/tree-sitter-markdown-inline)

# LaTeX: a 44 MB parser.c (about 7 s and 350 MB to compile) plus an external scanner.
sayso_grammar(ts_latex ${SAYSO_GRAMMAR_DIR}/pfoerster-tree-sitter-latex)
