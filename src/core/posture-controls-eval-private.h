/* posture-controls-eval-private.h: the rule table, one entry per control
 *
 * Each control's "where it applies, the evidence it reads, its verdict and its reason"
 * is defined here and nowhere else (DESIGN.md "One source of truth per control"): the
 * engine runs the rules, the views show what they said. The catalog (data/controls)
 * holds the texts, including the human title of each setting a rule reads.
 *
 *   posture-controls-eval.c              the table; tenant settings, isolation, manual
 *   posture-controls-eval-dlp.c          data policies
 *   posture-controls-eval-environment.c  BAP and Dataverse settings of environments
 *   posture-controls-eval-identity.c     Microsoft Graph: Conditional Access, admins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-control.h"
#include "posture-snapshot.h"

G_BEGIN_DECLS

/* Evidence items one resource result carries at most. */
#define POSTURE_MAX_EVIDENCE 3

typedef struct
{
  const char *key;     /* the API field ("powerPlatform.powerApps.disableShareWithEveryone") */
  const char *title;   /* its human title, from the catalog (interned) */
  char       *value;   /* the value read, in human words */
  gboolean    owned;   /* FALSE: a static (translated) string */
} PostureEvidence;

/* One evaluation: the engine fills the first fields, a rule the rest (through the
 * helpers below), then the engine moves reason and evidence into the resource result. */
typedef struct
{
  PostureSnapshot  *snapshot;
  PostureControl   *control;
  gconstpointer     data;     /* the rule's data */
  /* void (*)(gpointer, char *): takes a warning for the assessment (deduplicated) */
  void            (*warn) (gpointer  data,
                           char     *warning);
  gpointer          warn_data;

  char             *reason;
  PostureEvidence   evidence[POSTURE_MAX_EVIDENCE];
  guint             n_evidence;

  /* The titles already looked up, by the key's address (the rules' keys are literals). */
  const char       *title_keys[4];
  const char       *titles[4];
  guint             n_titles;
} PostureEval;

typedef struct
{
  const char    *id;
  /* Tenant controls: one result for the tenant. */
  PostureResult (*tenant)      (PostureEval              *ev);
  /* Environment controls: which environments it applies to, and each one's result. */
  gboolean      (*applies)     (PostureSnapshot          *snapshot,
                                const PostureEnvironment *env);
  PostureResult (*environment) (PostureEval              *ev,
                                const PostureEnvironment *env);
  /* Manual controls: the evidence an admin attests to. */
  char         *(*manual)      (PostureSnapshot          *snapshot);
  /* Whatever the functions above share (a tenant setting's path, …). */
  gconstpointer  data;
} PostureRule;

const PostureRule *_posture_rule_lookup        (const char   *control_id);
/* A tenant setting control's field: its dotted path in listTenantSettings, and the value
 * that makes the control pass (what its fix writes). FALSE when @control_id is not judged
 * by one tenant setting. */
gboolean           _posture_rule_get_tenant_setting (const char   *control_id,
                                                     const char  **out_path,
                                                     gboolean     *out_passing);
/* Frees what a rule left in @ev (the engine steals what it keeps). */
void               _posture_eval_clear         (PostureEval  *ev);

/* For the rules */
void          _posture_eval_reason             (PostureEval  *ev,
                                                const char   *format,
                                                ...) G_GNUC_PRINTF (2, 3);
void          _posture_eval_reason_take        (PostureEval  *ev,
                                                char         *reason);
/* @value is copied. */
void          _posture_eval_evidence           (PostureEval  *ev,
                                                const char   *key,
                                                const char   *value);
/* @value is static (a literal or a translation), kept as is. */
void          _posture_eval_evidence_static    (PostureEval  *ev,
                                                const char   *key,
                                                const char   *value);
void          _posture_eval_evidence_take      (PostureEval  *ev,
                                                const char   *key,
                                                char         *value);
void          _posture_eval_warn               (PostureEval  *ev,
                                                const char   *format,
                                                ...) G_GNUC_PRINTF (2, 3);
/* The human title of @key for reasons (the key itself when the catalog has none). */
const char   *_posture_eval_title              (PostureEval  *ev,
                                                const char   *key);
/* Unknown: "this snapshot predates the control". */
PostureResult _posture_eval_predates           (PostureEval  *ev);
/* Unknown, with the service's error and, for a 403, the permission it lacks. */
PostureResult _posture_eval_source_error       (PostureEval              *ev,
                                                const char               *what,
                                                guint                     status,
                                                const char               *message,
                                                const char               *permission);
/* A switch read from @value (its API field @key, on when the field is true, or false
 * when @inverted): sets the reason ("Auditing is off (isauditenabled is false)") and the
 * evidence ("Off"), and says whether the setting is on. An absent or null field counts
 * as false. @value must not be POSTURE_FLAG_INVALID: see _posture_eval_unexpected(). */
gboolean      _posture_eval_switch             (PostureEval        *ev,
                                                const char         *key,
                                                const PostureValue *value,
                                                gboolean            inverted);
/* Unknown: the field @key holds a value that is no switch. */
PostureResult _posture_eval_unexpected         (PostureEval        *ev,
                                                const char         *key,
                                                const PostureValue *value);
/* "On"/"Off" in the words of the views; @unset adds "(not set)". */
const char   *_posture_eval_on_off             (gboolean      on,
                                                gboolean      unset);
/* "a, b, c and 4 more": at most @max names, controls made visible. */
char         *_posture_eval_join_names         (const char * const *names,
                                                guint         n_names,
                                                guint         max);

/* posture-controls-eval-dlp.c */
PostureResult _posture_eval_dlp_tenant_policy            (PostureEval *ev);
PostureResult _posture_eval_dlp_default_environment      (PostureEval *ev);
PostureResult _posture_eval_dlp_default_connectors       (PostureEval *ev);
PostureResult _posture_eval_dlp_environment_coverage     (PostureEval              *ev,
                                                          const PostureEnvironment *env);

/* posture-controls-eval-environment.c */
PostureResult _posture_eval_managed_environment          (PostureEval              *ev,
                                                          const PostureEnvironment *env);
PostureResult _posture_eval_environment_security_group   (PostureEval              *ev,
                                                          const PostureEnvironment *env);
PostureResult _posture_eval_sharing_limits               (PostureEval              *ev,
                                                          const PostureEnvironment *env);
PostureResult _posture_eval_ip_firewall                  (PostureEval              *ev,
                                                          const PostureEnvironment *env);
PostureResult _posture_eval_dataverse_flag               (PostureEval              *ev,
                                                          const PostureEnvironment *env,
                                                          const char               *column,
                                                          gboolean                  needs_v2);
PostureResult _posture_eval_content_security_policy      (PostureEval              *ev,
                                                          const PostureEnvironment *env);
PostureResult _posture_eval_app_access_control           (PostureEval              *ev,
                                                          const PostureEnvironment *env);
PostureResult _posture_eval_admin_privileges             (PostureEval              *ev,
                                                          const PostureEnvironment *env);
PostureResult _posture_eval_customer_managed_key         (PostureEval              *ev,
                                                          const PostureEnvironment *env);
PostureResult _posture_eval_virtual_network              (PostureEval              *ev,
                                                          const PostureEnvironment *env);
/* posture-controls-eval-identity.c */
PostureResult _posture_eval_conditional_access_mfa       (PostureEval *ev);
PostureResult _posture_eval_global_admin_count           (PostureEval *ev);

G_END_DECLS
