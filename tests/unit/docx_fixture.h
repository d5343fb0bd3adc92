// Minimal DOCX files built in memory for tests: a body of WordprocessingML paragraphs and tables.
#pragma once
#include <string>

#include "zip_fixture.h"

namespace sayso::testing {

inline std::string docx_paragraph(const std::string& text, const std::string& style = "") {
  std::string xml = "<w:p>";
  if (!style.empty()) xml += "<w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>";
  return xml + "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

// Styles: Word's own ids, a localised id whose name says "heading 2", a title, a style that is
// a heading through its outline level, one based on a heading, and a numbered list style.
inline std::string docx_styles() {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
  <w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style>
  <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
  <w:style w:type="paragraph" w:styleId="Outlined"><w:name w:val="Section name"/>
    <w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="My heading"/>
    <w:basedOn w:val="Heading1"/></w:style>
  <w:style w:type="paragraph" w:styleId="Bullets"><w:name w:val="Bullets"/>
    <w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
</w:styles>)";
}

inline std::string docx_document_xml(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
         "<w:body>" +
         body + "<w:sectPr/></w:body></w:document>";
}

inline std::string docx_rels() {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>)";
}

inline std::string docx_content_types() {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>)";
}

inline std::string make_docx(const std::string& body) {
  return make_zip({{"[Content_Types].xml", docx_content_types()},
                   {"_rels/.rels", docx_rels()},
                   {"word/document.xml", docx_document_xml(body)},
                   {"word/styles.xml", docx_styles()}});
}

}  // namespace sayso::testing
