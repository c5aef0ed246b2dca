/* posture-demo-private.h: the parts of the demo tenant shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* An HTTP answer computed by the pure parts (tenant state, tokens) and sent by the
 * server: status, JSON body (or none) and a few response headers. */
typedef struct
{
  guint       status;
  char       *body;          /* owned; NULL = empty body */
  char       *content_type;  /* owned; NULL = application/json when body is set */
  char       *location;      /* owned; Location header, or NULL */
  char       *www_authenticate;
} PostureDemoReply;

PostureDemoReply *_posture_demo_reply_new          (guint              status,
                                                    char              *body);
PostureDemoReply *_posture_demo_reply_new_node     (guint              status,
                                                    JsonNode          *node);
PostureDemoReply *_posture_demo_reply_new_object   (guint              status,
                                                    JsonObject        *object);
PostureDemoReply *_posture_demo_reply_new_error    (guint              status,
                                                    const char        *code,
                                                    const char        *message);
void              _posture_demo_reply_free         (PostureDemoReply  *reply);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureDemoReply, _posture_demo_reply_free)

/* Small shared helpers (posture-demo-tenant.c). */
char       *_posture_demo_new_guid             (GRand        *rand);
char       *_posture_demo_format_time          (gint64        unix_seconds);
JsonNode   *_posture_demo_json_copy            (JsonNode     *node);
char       *_posture_demo_json_string          (JsonNode     *node);

/* ---- Tenant state (posture-demo-tenant.c) ---------------------------------- */

typedef struct _PostureDemoTenant PostureDemoTenant;

/* n_environments == 0: the seeded "Contoso (demo)" scenario; otherwise a generated
 * tenant of that many environments, deterministic from the seed. */
PostureDemoTenant *_posture_demo_tenant_new            (guint64             seed,
                                                        guint               n_environments);
void               _posture_demo_tenant_free           (PostureDemoTenant  *tenant);
guint              _posture_demo_tenant_get_n_environments (PostureDemoTenant *tenant);

/* base_uri: the server's origin without trailing slash, used for instanceUrl,
 * nextLink and @odata.context. Each returns the reply to send. */
PostureDemoReply  *_posture_demo_tenant_list_settings  (PostureDemoTenant  *tenant);
PostureDemoReply  *_posture_demo_tenant_update_settings (PostureDemoTenant *tenant,
                                                        JsonNode           *body);
PostureDemoReply  *_posture_demo_tenant_list_environments (PostureDemoTenant *tenant,
                                                        const char         *base_uri,
                                                        const char         *query_rest,
                                                        guint               offset,
                                                        guint               page_size);
PostureDemoReply  *_posture_demo_tenant_get_environment (PostureDemoTenant *tenant,
                                                        const char         *base_uri,
                                                        const char         *name);
PostureDemoReply  *_posture_demo_tenant_set_governance (PostureDemoTenant  *tenant,
                                                        const char         *name,
                                                        JsonNode           *body);
PostureDemoReply  *_posture_demo_tenant_get_operation  (PostureDemoTenant  *tenant,
                                                        const char         *op_id);
PostureDemoReply  *_posture_demo_tenant_list_policies  (PostureDemoTenant  *tenant);
PostureDemoReply  *_posture_demo_tenant_get_policy     (PostureDemoTenant  *tenant,
                                                        const char         *name);
PostureDemoReply  *_posture_demo_tenant_create_policy  (PostureDemoTenant  *tenant,
                                                        JsonNode           *body);
PostureDemoReply  *_posture_demo_tenant_update_policy  (PostureDemoTenant  *tenant,
                                                        const char         *name,
                                                        JsonNode           *body);
PostureDemoReply  *_posture_demo_tenant_delete_policy  (PostureDemoTenant  *tenant,
                                                        const char         *name);
PostureDemoReply  *_posture_demo_tenant_get_isolation  (PostureDemoTenant  *tenant);
PostureDemoReply  *_posture_demo_tenant_put_isolation  (PostureDemoTenant  *tenant,
                                                        JsonNode           *body);
/* Dataverse: env_name is the {env} of B/dataverse/{env}/; select may be NULL. */
gboolean           _posture_demo_tenant_has_dataverse  (PostureDemoTenant  *tenant,
                                                        const char         *env_name);
PostureDemoReply  *_posture_demo_tenant_get_organization (PostureDemoTenant *tenant,
                                                        const char         *base_uri,
                                                        const char         *env_name,
                                                        const char         *api_version,
                                                        const char         *select,
                                                        gboolean            formatted_values);
PostureDemoReply  *_posture_demo_tenant_patch_organization (PostureDemoTenant *tenant,
                                                        const char         *env_name,
                                                        const char         *organization_id,
                                                        JsonNode           *body);
PostureDemoReply  *_posture_demo_tenant_get_graph_organization (PostureDemoTenant *tenant,
                                                        const char         *base_uri,
                                                        const char         *select);

/* ---- Tokens (posture-demo-token.c) ------------------------------------------ */

typedef struct _PostureDemoTokens PostureDemoTokens;

typedef enum
{
  POSTURE_DEMO_TOKEN_VALID,
  POSTURE_DEMO_TOKEN_MISSING,
  POSTURE_DEMO_TOKEN_MALFORMED,
  POSTURE_DEMO_TOKEN_EXPIRED,
  POSTURE_DEMO_TOKEN_WRONG_AUDIENCE,
} PostureDemoTokenCheck;

PostureDemoTokens *_posture_demo_tokens_new              (void);
void               _posture_demo_tokens_free             (PostureDemoTokens  *tokens);
void               _posture_demo_tokens_set_pending_polls (PostureDemoTokens *tokens,
                                                          guint               n_pending);
void               _posture_demo_tokens_set_lifetime     (PostureDemoTokens  *tokens,
                                                          guint               seconds);
void               _posture_demo_tokens_set_interval     (PostureDemoTokens  *tokens,
                                                          guint               seconds);
void               _posture_demo_tokens_forget_device_codes (PostureDemoTokens *tokens);
gboolean           _posture_demo_tokens_set_device_code_state (PostureDemoTokens *tokens,
                                                          const char         *user_code,
                                                          int                 state);
/* tenant_in_path: what the client typed; base_uri gives the Dataverse resource. */
PostureDemoReply  *_posture_demo_tokens_handle_token     (PostureDemoTokens  *tokens,
                                                          const char         *base_uri,
                                                          const char         *tenant_in_path,
                                                          GHashTable         *form);
PostureDemoReply  *_posture_demo_tokens_handle_devicecode (PostureDemoTokens *tokens,
                                                          const char         *base_uri,
                                                          const char         *tenant_in_path,
                                                          GHashTable         *form);
char              *_posture_demo_tokens_mint             (PostureDemoTokens  *tokens,
                                                          const char         *audience,
                                                          gint64              lifetime_seconds,
                                                          const char         *scp);
PostureDemoTokenCheck _posture_demo_tokens_check         (PostureDemoTokens  *tokens,
                                                          const char         *authorization,
                                                          const char         *audience);
gboolean           _posture_demo_tokens_tenant_matches   (const char         *tenant_in_path);
PostureDemoReply  *_posture_demo_token_error             (guint               status,
                                                          const char         *error,
                                                          guint               aadsts,
                                                          const char         *description);

enum
{
  POSTURE_DEMO_DEVICE_CODE_PENDING,
  POSTURE_DEMO_DEVICE_CODE_APPROVED,
  POSTURE_DEMO_DEVICE_CODE_DECLINED,
  POSTURE_DEMO_DEVICE_CODE_EXPIRED,
};

/* ---- Faults (posture-demo-faults.c) ----------------------------------------- */

typedef enum
{
  POSTURE_DEMO_FAULT_NONE,
  POSTURE_DEMO_FAULT_STATUS,     /* answer with an error status (429, 5xx, …) */
  POSTURE_DEMO_FAULT_RESET,      /* drop the connection without an answer */
  POSTURE_DEMO_FAULT_TRUNCATE,   /* send the first half of the body, properly framed */
} PostureDemoFaultKind;

typedef struct
{
  PostureDemoFaultKind kind;
  guint                status;       /* for POSTURE_DEMO_FAULT_STATUS */
  guint                latency_ms;
} PostureDemoFault;

typedef struct _PostureDemoFaults PostureDemoFaults;

PostureDemoFaults *_posture_demo_faults_parse            (const char         *spec,
                                                          GError            **error);
void               _posture_demo_faults_free             (PostureDemoFaults  *faults);
void               _posture_demo_faults_draw             (PostureDemoFaults  *faults,
                                                          GRand              *rand,
                                                          PostureDemoFault   *out_fault);
guint              _posture_demo_faults_get_retry_after  (PostureDemoFaults  *faults);
char              *_posture_demo_faults_to_string        (PostureDemoFaults  *faults);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureDemoTenant, _posture_demo_tenant_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureDemoTokens, _posture_demo_tokens_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureDemoFaults, _posture_demo_faults_free)

G_END_DECLS
