/* posture-fix-private.h: what the planner builds plans with, shared by the fix classes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-fix-plan.h"
#include "posture-fix-request.h"
#include "posture-fix-step.h"

G_BEGIN_DECLS

/* A deep, mutable copy (json_node_copy() shares containers). */
JsonNode       *_posture_fix_json_copy        (JsonNode        *node);
/* The member of @object named @member, case-insensitively: its exact name, or NULL. */
const char     *_posture_fix_json_member_name (JsonObject      *object,
                                               const char      *member);
/* The object in @array (nullable) whose "name" is @name, case-insensitively, or NULL:
 * an environment in a snapshot's sources. */
JsonObject     *_posture_fix_json_find_named  (JsonArray       *array,
                                               const char      *name);
/* Whether @actual holds @expected: objects member by member (names case-insensitively),
 * arrays element by element (each expected element found), scalars by value across
 * their string and typed forms. @where names the place in @out_difference. */
gboolean        _posture_fix_json_contains    (JsonNode        *actual,
                                               JsonNode        *expected,
                                               const char      *where,
                                               char           **out_difference);

PostureFixStep *_posture_fix_step_new              (const char        *resource_id,
                                                    const char        *name,
                                                    PostureFixAction   action,
                                                    const char        *reason);
void            _posture_fix_step_add_precondition (PostureFixStep    *self,
                                                    const char        *text);
void            _posture_fix_step_add_request      (PostureFixStep    *self,
                                                    PostureFixRequest *request);
void            _posture_fix_step_set_values       (PostureFixStep    *self,
                                                    const char        *before,
                                                    const char        *after);

PostureFixPlan *_posture_fix_plan_new              (const char        *control_id);
void            _posture_fix_plan_add_step         (PostureFixPlan    *self,
                                                    PostureFixStep    *step);
void            _posture_fix_plan_add_risk         (PostureFixPlan    *self,
                                                    const char        *risk);
void            _posture_fix_plan_set_summary      (PostureFixPlan    *self,
                                                    const char        *summary);

G_END_DECLS
