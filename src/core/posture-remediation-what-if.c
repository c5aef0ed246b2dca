/* posture-remediation-what-if.c: several fixes projected in turn (issue 16)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-remediation"

#include "config.h"

#include "posture-engine.h"
#include "posture-remediation.h"

/**
 * posture_remediation_what_if:
 * @snapshot: the snapshot to start from
 * @control_ids: the controls whose fixes to project
 * @out_left_out: (out) (optional) (transfer full): the controls not projected
 *
 * Returns: (transfer full): the snapshot as it would read after every fix
 */
PostureSnapshot *
posture_remediation_what_if (PostureSnapshot     *snapshot,
                             const char * const  *control_ids,
                             GStrv               *out_left_out,
                             GError             **error)
{
  g_autoptr(GStrvBuilder) left_out = g_strv_builder_new ();
  g_autoptr(PostureSnapshot) current = NULL;

  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (snapshot), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  current = g_object_ref (snapshot);
  for (guint i = 0; control_ids != NULL && control_ids[i] != NULL; i++)
    {
      g_autoptr(PostureAssessment) assessment = NULL;
      g_autoptr(PostureFixPlan) plan = NULL;
      g_autoptr(PostureSnapshot) next = NULL;
      g_autoptr(GError) plan_error = NULL;

      /* Each plan is made on what the previous ones projected. */
      assessment = posture_engine_assess (current, NULL, error);
      if (assessment == NULL)
        return NULL;

      plan = posture_remediation_plan (current, assessment, control_ids[i], NULL, &plan_error);
      if (plan == NULL)
        {
          g_debug ("What-if leaves out %s: %s", control_ids[i], plan_error->message);
          g_strv_builder_add (left_out, control_ids[i]);
          continue;
        }

      if ((next = posture_fix_plan_project (plan, current, error)) == NULL)
        return NULL;
      g_set_object (&current, next);
    }

  if (out_left_out != NULL)
    *out_left_out = g_strv_builder_end (left_out);
  return g_steal_pointer (&current);
}
