#include "core/document.h"

namespace sayso {

void Document::rebuild_index() { lines = LineIndex(source.bytes); }

}  // namespace sayso
