/* engine-fixture.h: the engine's fixtures (tests/data/engine), loaded and assessed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-engine.h"

/* The snapshot tests/data/engine/@name. */
static inline PostureSnapshot *
engine_fixture_load (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "engine", name, NULL);
  PostureSnapshot *snapshot = posture_snapshot_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  return snapshot;
}

/* @snapshot assessed at a fixed time, with these controls (all when NULL) and decisions. */
static inline PostureAssessment *
engine_fixture_assess (PostureSnapshot    *snapshot,
                       const char * const *control_ids,
                       GHashTable         *decisions)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 28, 12, 0, 0);
  PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
  PostureAssessment *assessment;

  options.control_ids = control_ids;
  options.decisions = decisions;
  options.now = now;
  assessment = posture_engine_assess (snapshot, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (assessment);
  return assessment;
}

/* The result of @id, which must be there. */
static inline PostureControlResult *
engine_fixture_result (PostureAssessment *assessment,
                       const char        *id)
{
  PostureControlResult *result = posture_assessment_lookup (assessment, id);

  if (result == NULL)
    g_error ("no result for %s", id);
  return result;
}
