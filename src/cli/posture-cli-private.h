/* posture-cli-private.h: the commands of posture-cli and what they share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "posture-fix-plan.h"
#include "posture-tenant.h"
#include "posture-types.h"

G_BEGIN_DECLS

/* Exit codes: the stable contract of DESIGN.md. */
typedef enum
{
  POSTURE_CLI_EXIT_OK          = 0,
  POSTURE_CLI_EXIT_FAILED      = 1,
  POSTURE_CLI_EXIT_USAGE       = 2,
  POSTURE_CLI_EXIT_BELOW_FLOOR = 3,
} PostureCliExit;

/* One function per command; argv[0] is the command name. Each returns an exit code. */
int      posture_cli_assess            (int           argc,
                                        char        **argv);
int      posture_cli_controls          (int           argc,
                                        char        **argv);
int      posture_cli_snapshot          (int           argc,
                                        char        **argv);
int      posture_cli_login             (int           argc,
                                        char        **argv);
int      posture_cli_logout            (int           argc,
                                        char        **argv);
int      posture_cli_demo_server       (int           argc,
                                        char        **argv);
int      posture_cli_history           (int           argc,
                                        char        **argv);
int      posture_cli_decide            (int           argc,
                                        char        **argv);
int      posture_cli_training          (int           argc,
                                        char        **argv);
int      posture_cli_report            (int           argc,
                                        char        **argv);
int      posture_cli_fix               (int           argc,
                                        char        **argv);

/* The one-line summary of a command ("assess", or "training list"; posture-cli.c and
 * posture-cli-training.c), translated; NULL if unknown. */
const char *posture_cli_command_summary  (const char *name);
const char *posture_cli_training_summary (const char *subcommand);

/* Shared helpers (posture-cli-common.c). */
GOptionContext *posture_cli_context_new (const char *command,
                                         const char *parameter_string);


/* Routes g_print() and g_printerr() through posture_text_escape_terminal(). */
void     posture_cli_install_print_handlers (void);

typedef struct
{
  GAsyncResult *result;
} PostureCliSync;

void     posture_cli_sync_cb           (GObject        *object,
                                        GAsyncResult   *result,
                                        gpointer        user_data);
void     posture_cli_sync_wait         (PostureCliSync *sync);
int      posture_cli_usage_error       (GOptionContext *context,
                                        const char     *format,
                                        ...) G_GNUC_PRINTF (2, 3);
int      posture_cli_fail              (const GError   *error,
                                        const char     *hint);
gboolean posture_cli_parse             (GOptionContext *context,
                                        int            *argc,
                                        char         ***argv,
                                        int            *exit_code);
gboolean posture_cli_use_color         (int             fd);
/* Keeps a reference to @object (nullable) until the process exits, never releasing it. */
void     posture_cli_keep_until_exit   (gpointer        object);
gboolean posture_cli_is_interactive    (int             fd);
char    *posture_cli_read_stdin_secret (GError        **error);

/* --output (posture-cli-output.c): atomic replace (temporary file, then rename) for a
 * regular file or a new path, following symbolic links to their target; written straight
 * through for anything else (a device such as /dev/null, a FIFO, a pipe, /dev/stdout),
 * never replaced. NULL or "-" is standard output. */
typedef struct _PostureCliOutput PostureCliOutput;

PostureCliOutput *posture_cli_output_open        (const char        *path,
                                                  GError           **error);
GOutputStream    *posture_cli_output_get_stream  (PostureCliOutput  *self);
gboolean          posture_cli_output_is_terminal (PostureCliOutput  *self);
gboolean          posture_cli_output_commit      (PostureCliOutput  *self,
                                                  GError           **error);
/* Prefixes @error with where the output was going; returns FALSE. */
gboolean          posture_cli_output_failed      (PostureCliOutput  *self,
                                                  GError           **error);
void              posture_cli_output_free        (PostureCliOutput  *self);
char             *posture_cli_json_text          (JsonNode          *node);
gboolean          posture_cli_write_output       (const char        *path,
                                                  const char        *data,
                                                  gsize              length,
                                                  GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureCliOutput, posture_cli_output_free)

/* Local state (posture-cli-state.c): the cached reading for --offline (prints its age on
 * stderr), the decisions to apply (NULL when none), and after an assessment of a tenant:
 * cache @snapshot (nullable) and add @assessment (nullable) to the history; failures
 * there are warnings on stderr, never fatal. */
PostureSnapshot *posture_cli_state_load_cached   (const char        *tenant,
                                                  GError           **error);
GHashTable      *posture_cli_state_dup_decisions (const char        *tenant);
void             posture_cli_state_record        (const char        *tenant,
                                                  PostureSnapshot   *snapshot,
                                                  PostureAssessment *assessment);

/* A command's conversation with a tenant (posture-cli-run.c): a private main context,
 * one cancellable for every call, cancelled by the --timeout deadline or by SIGINT and
 * SIGTERM, and a watchdog that ends the process shortly past the deadline should a call
 * not stop. */
#define POSTURE_CLI_DEFAULT_TIMEOUT_S 600
#define POSTURE_CLI_MAX_TIMEOUT_S     2000000

typedef struct
{
  GMainContext *context;
  GCancellable *cancellable;
  GSource      *timer;
  GSource      *sigint;
  GSource      *sigterm;
  GThread      *watchdog;
  guint         timeout_s;
  gboolean      timed_out;
  gboolean      interrupted;
} PostureCliRun;

void      posture_cli_run_begin          (PostureCliRun     *run,
                                          guint              timeout_s);
void      posture_cli_run_end            (PostureCliRun     *run);
void      posture_cli_run_check          (PostureCliRun     *run,
                                          GError           **error);
gboolean  posture_cli_timeout_from_option (int               value,
                                           guint            *timeout_s);

/* The --timeout option's entry (G_OPTION_ARG_INT into @value, which starts at -1). */
#define POSTURE_CLI_TIMEOUT_ENTRY(value) \
  { "timeout", 0, 0, G_OPTION_ARG_INT, (value), \
    N_("Give up after SECONDS, however the service behaves (default 600)"), N_("SECONDS") }

/* Snapshot acquisition shared by every command that reads a tenant (assess, snapshot,
 * report), posture-cli-source.c. Exactly one of --demo, --snapshot FILE, --tenant ID;
 * --api-base and --cloud go with --tenant. Credentials for --tenant: POSTURE_CLIENT_ID
 * and POSTURE_CLIENT_SECRET, else what `posture-cli login` stored in the keyring.
 * Progress goes to stderr only when stderr is a terminal; warnings (e.g. the tenant
 * name could not be read) go to stderr. */
typedef struct
{
  gboolean    demo;
  const char *snapshot_path;
  const char *tenant;
  const char *api_base;
  const char *cloud;
  int         timeout_option;     /* --timeout as parsed; -1 when absent */
  guint       timeout_s;          /* the bound, set by posture_cli_source_check() */
  guint       demo_environments;  /* 0: the demo scenario's own tenant */
} PostureCliSource;

/* Adds --demo, --tenant, --api-base, --cloud, --timeout (and --snapshot when
 * @with_snapshot) to @context's main group, writing into @source. Call
 * posture_cli_source_clear() when done. */
void      posture_cli_source_add_options (GOptionContext    *context,
                                          PostureCliSource  *source,
                                          gboolean           with_snapshot);
/* After parsing: checks the combination; returns POSTURE_CLI_EXIT_OK or prints the
 * usage error and returns POSTURE_CLI_EXIT_USAGE. @required: one source must be given. */
int       posture_cli_source_check       (PostureCliSource  *source,
                                          GOptionContext    *context,
                                          gboolean           required);
/* Returns: (transfer full): the snapshot JSON (format v1), or NULL with @error set
 * (the message says what happened and what to do). Runs its own main context. */
JsonNode *posture_cli_source_acquire     (PostureCliSource  *source,
                                          GError           **error);
/* A connection to the tenant a source names (--demo or --tenant), kept open for what a
 * command does after reading (fix), within a run. */
typedef struct _PostureCliTenant PostureCliTenant;

PostureCliTenant    *posture_cli_tenant_open       (PostureCliSource  *source,
                                                    PostureCliRun     *run,
                                                    GError           **error);
JsonNode            *posture_cli_tenant_read       (PostureCliTenant  *self,
                                                    PostureCliRun     *run,
                                                    GError           **error);
PostureTenantClient *posture_cli_tenant_get_client (PostureCliTenant  *self);
/* The key of the tenant's local state (the tenant as given); NULL for --demo, whose
 * tenant lasts only as long as the command. */
const char          *posture_cli_tenant_get_state_key (PostureCliTenant *self);
void                 posture_cli_tenant_close      (PostureCliTenant  *self);

/* Changes a fix left pending (posture-cli-pending.c): polled (and reported on stderr)
 * before each reading of the tenant, kept after a fix. */
void      posture_cli_pending_poll       (PostureCliTenant  *tenant,
                                          PostureCliRun     *run);
void      posture_cli_pending_keep       (PostureCliTenant  *tenant,
                                          PostureFixPlan    *plan);

/* A hint to print after an acquisition error (NULL when none). */
const char *posture_cli_source_hint      (const GError      *error);
/* Frees the option strings in @source. */
void      posture_cli_source_clear       (PostureCliSource  *source);

G_END_DECLS
