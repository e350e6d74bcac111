#pragma once

// The execution models as the user reads them, in the user's language. The
// combo boxes of the toolbar and the editor list the same entries in the same order.

#include "engine/scenario.h"

#include <QString>

class QComboBox;

namespace overlap::ui {

QString modelTitle(engine::Model model);

// "threads ×4 + GIL" in the user's language.
QString variantTitle(engine::Model model, int workers, bool gil);

// Short enough for a chart's category axis: "Threads + GIL", "Fibers".
QString shortVariantTitle(engine::Model model, bool gil);

// Fills (or, after a language change, relabels) a combo with the four models,
// each item's data being the engine::Model as an int. Keeps the selection.
void fillModelCombo(QComboBox* combo);
engine::Model comboModel(const QComboBox* combo);
void setComboModel(QComboBox* combo, engine::Model model);

} // namespace overlap::ui
