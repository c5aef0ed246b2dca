/* assessment-tree.h: the streaming test's oracle (see assessment-tree.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "posture-assessment.h"

G_BEGIN_DECLS

JsonNode *cli_assessment_tree (PostureAssessment *self);

G_END_DECLS
