/* posture-demo-private.h: the parts of the demo tenant shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo tenant is one GObject that serves HTTP (PostureDemoServer), one that holds
 * the tenant's state (PostureDemoScenario, whose instance struct is here because the
 * API families read and write it), and one file per API family (BAP environments and
 * settings, long-running operations, DLP, tenant isolation, Dataverse, Graph), each a
 * route function from a parsed request to a reply.
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "posture-demo-scenario.h"
#include "posture-demo-server.h"

G_BEGIN_DECLS

#define POSTURE_DEMO_ENV_ID_PREFIX \
  "/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/"
#define POSTURE_DEMO_ENV_TYPE        "Microsoft.BusinessAppPlatform/scopes/environments"
#define POSTURE_DEMO_ZERO_GUID       "00000000-0000-0000-0000-000000000000"
#define POSTURE_DEMO_DEFAULT_ENV     "Default-" POSTURE_DEMO_TENANT_ID
#define POSTURE_DEMO_RESOURCE_BAP    "https://service.powerapps.com"
#define POSTURE_DEMO_RESOURCE_GRAPH  "https://graph.microsoft.com"
#define POSTURE_DEMO_MAX_BODY_DEPTH  64
/* The demo app's service principal (the object id the token endpoint puts in oid). */
#define POSTURE_DEMO_CLIENT_OBJECT_ID "c0f5a8e2-6d4b-4e1a-b3c7-2f9d8e6a1b40"

typedef enum
{
  POSTURE_DEMO_SERVICE_NONE,
  POSTURE_DEMO_SERVICE_LOGIN,
  POSTURE_DEMO_SERVICE_BAP,
  POSTURE_DEMO_SERVICE_GRAPH,
  POSTURE_DEMO_SERVICE_DATAVERSE,
} PostureDemoService;

/* ---- Replies (posture-demo-reply.c) ----------------------------------------- */

/* An HTTP answer computed by the API families and sent by the server. */
typedef struct
{
  guint       status;
  char       *body;              /* owned; NULL = empty body */
  char       *content_type;      /* owned; NULL = the service's JSON type */
  char       *location;          /* owned; absolute Location header, or NULL */
  char       *www_authenticate;  /* owned, or NULL */
  char       *preference_applied; /* owned; Dataverse's Preference-Applied, or NULL */
  int         retry_after;       /* seconds; < 0: no Retry-After header */
  gboolean    lost;              /* the change landed, but the answer never arrives */
} PostureDemoReply;

PostureDemoReply *_posture_demo_reply_new          (guint              status,
                                                    char              *body);
PostureDemoReply *_posture_demo_reply_new_object   (guint              status,
                                                    JsonObject        *object);
PostureDemoReply *_posture_demo_reply_new_error    (guint              status,
                                                    const char        *code,
                                                    const char        *message);
PostureDemoReply *_posture_demo_reply_new_bap_error (guint             status,
                                                    const char        *code,
                                                    const char        *message);
PostureDemoReply *_posture_demo_reply_new_graph_error (guint           status,
                                                    const char        *code,
                                                    const char        *message);
PostureDemoReply *_posture_demo_reply_new_service_error (PostureDemoService service,
                                                    guint              status,
                                                    const char        *code,
                                                    const char        *message);
void              _posture_demo_reply_free         (PostureDemoReply  *reply);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureDemoReply, _posture_demo_reply_free)

/* Small shared helpers (posture-demo-reply.c). */
char       *_posture_demo_new_guid             (GRand        *rand);
char       *_posture_demo_hash_guid            (const char   *a,
                                                const char   *b,
                                                guint         n);
char       *_posture_demo_format_time          (gint64        unix_seconds);
char       *_posture_demo_now_string           (void);
JsonNode   *_posture_demo_json_copy            (JsonNode     *node);
JsonObject *_posture_demo_object_copy          (JsonObject   *object);
JsonObject *_posture_demo_strings_object       (const char   *member,
                                                ...) G_GNUC_NULL_TERMINATED;
char       *_posture_demo_json_string          (JsonNode     *node);
char       *_posture_demo_object_string        (JsonObject   *object);
char       *_posture_demo_json_quote           (const char   *s);
gboolean    _posture_demo_is_guid              (const char   *s);
char       *_posture_demo_encode_skiptoken     (guint         offset);
gboolean    _posture_demo_decode_skiptoken     (const char   *token,
                                                guint        *out_offset);

/* ---- Configuration: the knobs of PostureDemoServer ------------------------- */

/* Survives a reset; owned by the server and read by the API families. */
typedef struct
{
  guint       page_size;              /* BAP environments per page; 0 = one page */
  guint       odata_page_size;        /* Graph lists, Dataverse expanded collections */
  guint       operation_polls;        /* polls that answer Running before the outcome */
  guint       operation_retry_after;  /* seconds, in 202s and Running polls */
  guint       operation_timeout_ms;   /* an operation nobody polls completes after this */
  guint       isolation_async_every;  /* every n-th isolation PUT answers 202; 0 never */
  char       *caller_address;         /* the address the IP firewall sees */
  gboolean    graph_policy_read;      /* Policy.Read.All granted */
  gboolean    graph_role_read;        /* RoleManagement.Read.Directory granted */
  guint       dlp_creates_lost;       /* the next n DLP creates land, then are lost */
  guint       dlp_lost_hold_ms;       /* how long a lost answer hangs before the drop */
} PostureDemoConfig;

/* ---- Requests ---------------------------------------------------------------- */

typedef struct
{
  const char              *method;
  const char              *path;
  char                   **segs;       /* unescaped path segments */
  guint                    n_segs;
  GHashTable              *query;      /* decoded query, or NULL */
  SoupMessageHeaders      *headers;    /* request headers */
  GBytes                  *body;       /* the raw request body */
  const char              *base_uri;   /* "http://127.0.0.1:PORT" */
  PostureDemoScenario     *scenario;
  PostureDemoConfig       *config;
} PostureDemoRequest;

const char       *_posture_demo_request_query      (PostureDemoRequest *req,
                                                    const char         *name);
gboolean          _posture_demo_request_is         (PostureDemoRequest *req,
                                                    const char         *method);
JsonNode         *_posture_demo_request_parse_body (PostureDemoRequest *req,
                                                    PostureDemoReply  **out_reply);
PostureDemoReply *_posture_demo_method_not_allowed (PostureDemoService  service,
                                                    const char         *method);
PostureDemoReply *_posture_demo_check_api_version  (PostureDemoRequest *req,
                                                    const char * const *allowed,
                                                    gboolean            required);

/* ---- Environments (posture-demo-environment.c) ------------------------------ */

typedef struct
{
  const char *location;
  const char *regions[2];
  const char *bap_prefix;
  const char *flow_prefix;
  const char *apim;
  const char *geo_short;
  const char *crm;
} PostureDemoGeo;

extern const PostureDemoGeo posture_demo_geos[6];

/* Dataverse organization flags, one bit each. */
enum
{
  POSTURE_DEMO_ORG_FIREWALL        = 1 << 0,
  POSTURE_DEMO_ORG_FIREWALL_AUDIT  = 1 << 1,
  POSTURE_DEMO_ORG_COOKIE_BINDING  = 1 << 2,
  POSTURE_DEMO_ORG_AUDIT           = 1 << 3,
  POSTURE_DEMO_ORG_CSP             = 1 << 4,
  POSTURE_DEMO_ORG_CSP_CANVAS      = 1 << 5,
  POSTURE_DEMO_ORG_USER_AUDIT      = 1 << 6,
  POSTURE_DEMO_ORG_SESSION_TIMEOUT = 1 << 7,
  POSTURE_DEMO_ORG_RESTRICT_GUESTS = 1 << 8,
};

/* Who holds System Administrator in an environment, built on first use: the role's
 * copy in up to three business units, with some users in two copies. */
typedef struct
{
  guint8      per_unit[3];   /* role holders in each business unit's copy */
  guint8      shared;        /* holders of copy 0 that also hold copy 1 */
  guint8      app_users;     /* application users (applicationid, access mode 4) */
  guint8      disabled;      /* disabled users */
  guint8      support;       /* Microsoft support users (access mode 3) */
} PostureDemoAdmins;

typedef struct
{
  char               *name;              /* environment GUID, or Default-{tenant id} */
  char               *display_name;
  char               *description;
  const char         *sku;
  gboolean            is_default;
  const PostureDemoGeo *geo;
  const char         *azure_region;
  char               *created_time;
  char               *created_by;
  char               *created_by_id;
  char               *resource_id;       /* Dataverse organization id */

  /* BAP */
  JsonObject         *governance;        /* governanceConfiguration, owned */
  char               *group_id;          /* parent environment group, or NULL */
  const char         *cmk_status;        /* NULL: no CMK policy */
  const char         *vnet_status;       /* NULL: no VNet policy */
  const char         *cadence;

  /* Dataverse */
  gboolean            has_dataverse;
  gboolean            dataverse_forbidden;  /* the caller is not a user there */
  char               *domain_name;
  char               *security_group_id; /* NULL: member absent */
  guint               org_flags;
  guint               audit_retention;   /* days; 0 = forever (-1) */
  const char         *firewall_ranges;   /* allowediprangeforfirewall, or NULL */
  const char         *firewall_list;     /* allowedlistofiprangesforfirewall, or NULL */
  guint               app_access_mode;   /* applicationbasedaccesscontrolmode */
  const char         *allowed_apps;
  const char         *blocked_apps;
  const char         *missing_column;    /* an older organization lacks it, or NULL */
  PostureDemoAdmins   admins;
  JsonObject         *org;               /* created on first use, then owns the row */
  JsonArray          *roles;             /* created on first use */

  char               *cached;            /* rendered JSON for the scenario's base URI */
} PostureDemoEnv;

/* The governance extendedSettings the service knows, all strings, and what an
 * environment made managed with an empty extendedSettings gets. */
typedef struct
{
  const char *key;
  const char *fallback;
} PostureDemoExtendedSetting;

extern const PostureDemoExtendedSetting posture_demo_extended_settings[14];

void        _posture_demo_env_free             (PostureDemoEnv     *env);
JsonObject *_posture_demo_governance_new       (const char         *protection_level,
                                                const char         *limit_mode,
                                                const char         *max_sharing,
                                                const char         *checker_mode);
gboolean    _posture_demo_env_is_managed       (PostureDemoEnv     *env);
JsonObject *_posture_demo_env_render           (PostureDemoEnv     *env,
                                                const char         *base_uri);
const char *_posture_demo_env_governance_refusal (PostureDemoEnv   *env,
                                                char              **out_type);

/* ---- The scenario's state (posture-demo-scenario.c) ------------------------- */

typedef struct _PostureDemoOperations PostureDemoOperations;

struct _PostureDemoScenario
{
  GObject                parent_instance;

  guint64                seed;
  guint                  n_requested;     /* 0: the Contoso (demo) seed */
  GPtrArray             *environments;    /* PostureDemoEnv, in list order */
  GHashTable            *by_name;         /* lower-case name -> PostureDemoEnv */
  JsonObject            *tenant_settings;
  JsonObject            *isolation;       /* NULL: never configured (404) */
  guint                  isolation_writes;
  GPtrArray             *policies;        /* JsonObject: full DLP v2 policy */
  PostureDemoOperations *operations;
  GRand                 *rand;            /* ids of new objects; seeded */
  char                  *cached_base;
};

PostureDemoEnv *_posture_demo_scenario_lookup     (PostureDemoScenario *scenario,
                                                   const char          *name);
void            _posture_demo_scenario_add        (PostureDemoScenario *scenario,
                                                   PostureDemoEnv      *env);
const char     *_posture_demo_scenario_env_json   (PostureDemoScenario *scenario,
                                                   PostureDemoEnv      *env,
                                                   const char          *base_uri);
PostureDemoEnv *_posture_demo_scenario_default_env (void);
JsonObject     *_posture_demo_tenant_settings_new (void);

/* The generator (posture-demo-generator.c): n environments, the default first. */
void            _posture_demo_generate            (PostureDemoScenario *scenario,
                                                   guint64              seed,
                                                   guint                n);

/* DLP seed policies (posture-demo-dlp.c). */
void            _posture_demo_dlp_seed            (PostureDemoScenario *scenario,
                                                   GPtrArray           *production,
                                                   GPtrArray           *defaults,
                                                   const char          *single,
                                                   GPtrArray           *except);

/* ---- Long-running operations (posture-demo-operations.c) -------------------- */

typedef enum
{
  POSTURE_DEMO_OPERATION_GOVERNANCE,  /* BAP lifecycle operation on an environment */
  POSTURE_DEMO_OPERATION_ISOLATION,   /* tenant isolation policy write */
} PostureDemoOperationKind;

PostureDemoOperations *_posture_demo_operations_new   (void);
void              _posture_demo_operations_free      (PostureDemoOperations *ops);
/* Takes payload; returns the absolute URL to poll. */
char             *_posture_demo_operations_start     (PostureDemoRequest    *req,
                                                      PostureDemoOperationKind kind,
                                                      const char            *target,
                                                      const char            *type_id,
                                                      JsonObject            *payload);
gboolean          _posture_demo_operations_busy      (PostureDemoScenario   *scenario,
                                                      PostureDemoOperationKind kind,
                                                      const char            *target);
/* Completes the operations nobody polled in time. */
void              _posture_demo_operations_tick      (PostureDemoScenario   *scenario);
PostureDemoReply *_posture_demo_operations_route     (PostureDemoRequest    *req);

/* ---- API families ------------------------------------------------------------ */

/* Each answers the requests of its paths, or returns NULL for a path it does not serve.
 * segs[0] is "providers" for BAP, "v1.0" for Graph, "dataverse" for Dataverse. */
PostureDemoReply *_posture_demo_bap_route            (PostureDemoRequest    *req);
PostureDemoReply *_posture_demo_dlp_route            (PostureDemoRequest    *req);
PostureDemoReply *_posture_demo_isolation_route      (PostureDemoRequest    *req);
PostureDemoReply *_posture_demo_graph_route          (PostureDemoRequest    *req);
PostureDemoReply *_posture_demo_dataverse_route      (PostureDemoRequest    *req);
/* The IP firewall of {env}, before authentication: a 403 when it blocks the caller. */
PostureDemoReply *_posture_demo_dataverse_firewall   (PostureDemoRequest    *req);
/* Governance writes need the current managed state; BAP calls this on completion. */
void              _posture_demo_bap_apply_governance (PostureDemoScenario   *scenario,
                                                      const char            *env_name,
                                                      JsonObject            *governance);
void              _posture_demo_isolation_apply      (PostureDemoScenario   *scenario,
                                                      JsonObject            *policy);

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureDemoTokens, _posture_demo_tokens_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureDemoFaults, _posture_demo_faults_free)

G_END_DECLS
