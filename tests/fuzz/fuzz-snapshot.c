/* fuzz-snapshot.c: libFuzzer target for the snapshot loader and the engine
 *
 * Input is a candidate snapshot document. It goes through the bounded parser and the
 * normaliser; whatever loads is assessed and serialised, so every reader of the typed
 * model sees fuzzed values too. Nothing may crash, leak or hang.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "posture-engine.h"
#include "posture-json.h"
#include "posture-report.h"
#include "posture-snapshot.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(PostureAssessment) assessment = NULL;
  g_autofree char *json = NULL;

  root = posture_json_parse ((const char *) data, size, POSTURE_JSON_DEFAULT_MAX_DEPTH, NULL);
  if (root == NULL)
    return 0;

  snapshot = posture_snapshot_new_from_json (root, "fuzz", NULL);
  if (snapshot == NULL)
    return 0;

  assessment = posture_engine_assess (snapshot, NULL, NULL);
  if (assessment == NULL)
    return 0;

  json = posture_report_render (assessment, NULL, NULL, POSTURE_REPORT_FORMAT_JSON, NULL, NULL);
  return 0;
}
