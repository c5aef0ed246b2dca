/* posture-controls-eval-private.h: the evaluation of each control, one small function each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-snapshot.h"

G_BEGIN_DECLS

typedef struct
{
  const char    *id;
  /* Tenant controls: one result for the tenant. */
  PostureResult (*tenant)      (PostureSnapshot          *snapshot,
                                char                    **reason);
  /* Environment controls: which environments it applies to, and each one's result. */
  gboolean      (*applies)     (PostureSnapshot          *snapshot,
                                const PostureEnvironment *env);
  PostureResult (*environment) (PostureSnapshot          *snapshot,
                                const PostureEnvironment *env,
                                char                    **reason);
  /* Manual controls: the evidence an admin attests to. */
  char         *(*evidence)    (PostureSnapshot          *snapshot);
} PostureRule;

const PostureRule *_posture_rule_lookup (const char *control_id);

G_END_DECLS
