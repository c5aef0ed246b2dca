/* posture-cli-source.c: where a command's snapshot comes from (--demo, --snapshot,
 * --tenant), shared by assess, snapshot and report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "posture-cli-private.h"
#include "posture-demo-server.h"
#include "posture-error.h"
#include "posture-json.h"
#include "posture-tenant.h"

/* A snapshot of 10,000 environments is about 19 MB; leave room, refuse the absurd. */
#define MAX_SNAPSHOT_FILE_SIZE (512 * 1024 * 1024)

void
posture_cli_source_add_options (GOptionContext   *context,
                                PostureCliSource *source,
                                gboolean          with_snapshot)
{
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &source->demo,
      N_("Read the built-in demo tenant"), NULL },
    { "tenant", 't', 0, G_OPTION_ARG_STRING, (char **) &source->tenant,
      N_("Read this tenant (GUID or domain)"), N_("ID") },
    { "api-base", 0, 0, G_OPTION_ARG_STRING, (char **) &source->api_base,
      N_("Serve every service from this base URL (custom cloud)"), N_("URL") },
    { "cloud", 0, 0, G_OPTION_ARG_STRING, (char **) &source->cloud,
      N_("Cloud: public, gcc, gcc-high, dod or china (default: public)"), N_("C") },
    POSTURE_CLI_TIMEOUT_ENTRY (&source->timeout_option),
    { NULL }
  };
  const GOptionEntry snapshot_entries[] = {
    { "snapshot", 0, 0, G_OPTION_ARG_FILENAME, (char **) &source->snapshot_path,
      N_("Read a snapshot file saved by \"posture-cli snapshot\""), N_("FILE") },
    { NULL }
  };

  source->timeout_option = -1;
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (with_snapshot)
    g_option_context_add_main_entries (context, snapshot_entries, GETTEXT_PACKAGE);
}

void
posture_cli_source_clear (PostureCliSource *source)
{
  g_clear_pointer ((char **) &source->snapshot_path, g_free);
  g_clear_pointer ((char **) &source->tenant, g_free);
  g_clear_pointer ((char **) &source->api_base, g_free);
  g_clear_pointer ((char **) &source->cloud, g_free);
}

int
posture_cli_source_check (PostureCliSource *source,
                          GOptionContext   *context,
                          gboolean          required)
{
  guint n = (source->demo ? 1 : 0) + (source->snapshot_path != NULL ? 1 : 0) +
            (source->tenant != NULL ? 1 : 0);

  if (n > 1)
    return posture_cli_usage_error (context, "%s",
                                    _("Give only one of --demo, --snapshot and --tenant"));
  if (n == 0 && required)
    return posture_cli_usage_error (context, "%s",
                                    _("Say what to read: --demo, --snapshot FILE or --tenant ID"));
  if ((source->api_base != NULL || source->cloud != NULL) && source->tenant == NULL)
    return posture_cli_usage_error (context, "%s",
                                    _("--api-base and --cloud go with --tenant"));
  if (source->tenant != NULL && source->tenant[0] == '\0')
    return posture_cli_usage_error (context, "%s", _("--tenant needs a tenant id or domain"));
  if (!posture_cli_timeout_from_option (source->timeout_option, &source->timeout_s))
    return posture_cli_usage_error (context, _("--timeout must be a number of seconds from 1 to "
                                               "%d, not %d"), POSTURE_CLI_MAX_TIMEOUT_S,
                                    source->timeout_option);
  return POSTURE_CLI_EXIT_OK;
}

const char *
posture_cli_source_hint (const GError *error)
{
  if (error == NULL)
    return NULL;

  if (error->domain == POSTURE_TOKEN_STORE_ERROR)
    {
      if (error->code == POSTURE_TOKEN_STORE_ERROR_NOT_FOUND)
        return _("Sign in with \"posture-cli login --tenant ID --client-id ID\", or set "
                 "POSTURE_CLIENT_ID and POSTURE_CLIENT_SECRET.");
      return _("Unlock the keyring (GNOME Keyring), or set POSTURE_CLIENT_ID and "
               "POSTURE_CLIENT_SECRET.");
    }

  if (error->domain != POSTURE_CLIENT_ERROR)
    return NULL;

  switch ((PostureClientError) error->code)
    {
    case POSTURE_CLIENT_ERROR_NEEDS_REAUTH:
    case POSTURE_CLIENT_ERROR_NOT_SIGNED_IN:
      return _("Sign in again with \"posture-cli login\", or check POSTURE_CLIENT_ID and "
               "POSTURE_CLIENT_SECRET.");
    case POSTURE_CLIENT_ERROR_TIMED_OUT:
      return _("Try again later, or allow more time with --timeout SECONDS.");
    case POSTURE_CLIENT_ERROR_NETWORK:
      return _("Check the network connection and try again.");
    case POSTURE_CLIENT_ERROR_THROTTLED:
    case POSTURE_CLIENT_ERROR_SERVER:
      return _("The service is busy or failing; try again in a few minutes.");
    case POSTURE_CLIENT_ERROR_REFUSED_HOST:
      return _("Posture only talks to the selected cloud's hosts; check --cloud and --api-base.");
    case POSTURE_CLIENT_ERROR_FORBIDDEN:
    case POSTURE_CLIENT_ERROR_INVALID_REQUEST:
    case POSTURE_CLIENT_ERROR_PROTOCOL:
    case POSTURE_CLIENT_ERROR_NOT_FOUND:
    case POSTURE_CLIENT_ERROR_DECLINED:
    default:
      return NULL;
    }
}

static void
progress_cb (PostureTenantProgress *progress,
             GParamSpec            *pspec,
             gpointer               user_data)
{
  fprintf (stderr, "\r\033[K%s %u/%u", posture_tenant_progress_get_phase_name (progress),
           posture_tenant_progress_get_done (progress),
           posture_tenant_progress_get_total (progress));
  fflush (stderr);
}

struct _PostureCliTenant
{
  PostureDemoServer   *server;     /* owned, nullable: the demo tenant's, for --demo */
  PostureOAuth        *oauth;      /* owned */
  PostureTenantClient *client;     /* owned */
  char                *state_key;  /* owned, nullable: as given; NULL for --demo */
};

void
posture_cli_tenant_close (PostureCliTenant *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->client);
  g_clear_object (&self->oauth);
  if (self->server != NULL)
    posture_demo_server_stop (self->server);
  g_clear_object (&self->server);
  g_free (self->state_key);
  g_free (self);
}

PostureTenantClient *
posture_cli_tenant_get_client (PostureCliTenant *self)
{
  return self->client;
}

const char *
posture_cli_tenant_get_state_key (PostureCliTenant *self)
{
  return self->state_key;
}

/* The HTTP options of a command: its --timeout is the read's own deadline too. */
static void
init_http_options (PostureHttpOptions *options,
                   PostureCliSource   *source)
{
  posture_http_options_init_default (options);
  options->read_deadline_s = source->timeout_s;
}

static gboolean
open_demo (PostureCliTenant  *self,
           PostureCliRun     *run,
           PostureCliSource  *source,
           GError           **error)
{
  g_autoptr(PostureEndpoints) endpoints = NULL;
  PostureHttpOptions options;

  self->server = posture_demo_server_new ();
  if (source->demo_environments > 0)
    posture_demo_server_set_environments (self->server, source->demo_environments);
  if (!posture_demo_server_start (self->server, 0, error))
    {
      g_prefix_error (error, "%s", _("Cannot start the demo tenant: "));
      g_clear_object (&self->server);
      return FALSE;
    }

  /* The demo is read like any tenant: the same client, over HTTP, with the demo
   * app's (public, demo-only) client credentials. */
  endpoints = posture_endpoints_new (NULL, posture_demo_server_get_base_uri (self->server), error);
  if (endpoints == NULL)
    return FALSE;
  init_http_options (&options, source);
  self->oauth = posture_oauth_new (endpoints, POSTURE_DEMO_TENANT_ID, POSTURE_DEMO_CLIENT_ID,
                                   NULL, &options);
  posture_oauth_set_client_secret (self->oauth, POSTURE_DEMO_CLIENT_SECRET);
  posture_oauth_set_timeout (self->oauth, run->timeout_s);
  return TRUE;
}

static gboolean
open_tenant (PostureCliTenant  *self,
             PostureCliRun     *run,
             PostureCliSource  *source,
             GError           **error)
{
  g_autoptr(PostureEndpoints) endpoints = NULL;
  g_autoptr(PostureTokenStore) store = NULL;
  const char *client_id = g_getenv ("POSTURE_CLIENT_ID");
  const char *secret = g_getenv ("POSTURE_CLIENT_SECRET");
  PostureCliSync sync = { 0 };
  PostureHttpOptions options;
  gboolean loaded;

  init_http_options (&options, source);
  endpoints = posture_endpoints_new (source->cloud, source->api_base, error);
  if (endpoints == NULL)
    return FALSE;

  if (client_id != NULL && client_id[0] == '\0')
    client_id = NULL;
  if (secret != NULL && secret[0] == '\0')
    secret = NULL;

  self->state_key = g_strdup (source->tenant);

  if (secret != NULL)
    {
      if (client_id == NULL)
        {
          g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                       "%s", _("POSTURE_CLIENT_SECRET is set but POSTURE_CLIENT_ID is not; "
                               "set both for client-credentials sign-in"));
          return FALSE;
        }
      self->oauth = posture_oauth_new (endpoints, source->tenant, client_id, NULL, &options);
      posture_oauth_set_client_secret (self->oauth, secret);
      posture_oauth_set_timeout (self->oauth, run->timeout_s);
      return TRUE;
    }

  store = posture_secret_token_store_new ();
  self->oauth = posture_oauth_new (endpoints, source->tenant, client_id, store, &options);
  posture_oauth_set_timeout (self->oauth, run->timeout_s);
  posture_oauth_load_async (self->oauth, run->cancellable, posture_cli_sync_cb, &sync);
  posture_cli_sync_wait (&sync);
  loaded = posture_oauth_load_finish (self->oauth, sync.result, error);
  g_clear_object (&sync.result);
  return loaded;
}

/**
 * posture_cli_tenant_open:
 *
 * Connects to the tenant @source names (--demo: a demo tenant started for the command;
 * --tenant: with the credentials of the environment or the keyring), within @run.
 *
 * Returns: (transfer full): the connection, or NULL with @error set
 */
PostureCliTenant *
posture_cli_tenant_open (PostureCliSource  *source,
                         PostureCliRun     *run,
                         GError           **error)
{
  PostureCliTenant *self = g_new0 (PostureCliTenant, 1);
  gboolean opened;

  g_assert (source->demo || source->tenant != NULL);

  opened = source->demo ? open_demo (self, run, source, error)
                        : open_tenant (self, run, source, error);
  if (!opened)
    {
      posture_cli_run_check (run, error);
      posture_cli_tenant_close (self);
      return NULL;
    }

  self->client = posture_tenant_client_new (self->oauth);
  return self;
}

/* Returns: (transfer full): the snapshot JSON, or NULL with @error set. */
JsonNode *
posture_cli_tenant_read (PostureCliTenant  *self,
                         PostureCliRun     *run,
                         GError           **error)
{
  g_autoptr(PostureTenantProgress) progress = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  PostureCliSync sync = { 0 };

  if (posture_cli_is_interactive (STDERR_FILENO))
    {
      progress = posture_tenant_progress_new ();
      g_signal_connect (progress, "notify::done", G_CALLBACK (progress_cb), NULL);
      g_signal_connect (progress, "notify::phase", G_CALLBACK (progress_cb), NULL);
    }

  /* What a fix left pending first: the reading then shows it if it has landed. */
  posture_cli_pending_poll (self, run);

  /* Ctrl+C and the --timeout deadline cancel the read promptly and cleanly: nothing is
   * written. */
  posture_tenant_client_read_snapshot_async (self->client, progress, run->cancellable,
                                             posture_cli_sync_cb, &sync);
  posture_cli_sync_wait (&sync);
  /* The read's warnings are in the snapshot: assess shows them, snapshot saves them. */
  snapshot = posture_tenant_client_read_snapshot_finish (self->client, sync.result, error);
  g_clear_object (&sync.result);

  if (progress != NULL)
    {
      fprintf (stderr, "\r\033[K");
      fflush (stderr);
    }

  if (snapshot == NULL)
    {
      posture_cli_run_check (run, error);
      return NULL;
    }
  return json_node_ref (posture_snapshot_get_json (snapshot));
}

static JsonNode *
acquire_file (PostureCliSource  *source,
              GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;

  node = posture_json_parse_file (source->snapshot_path, MAX_SNAPSHOT_FILE_SIZE,
                                  POSTURE_JSON_DEFAULT_MAX_DEPTH, &local_error);
  if (node == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Cannot read the snapshot %s: "), source->snapshot_path);
      return NULL;
    }
  return node;
}

JsonNode *
posture_cli_source_acquire (PostureCliSource  *source,
                            GError           **error)
{
  PostureCliRun run = { 0 };
  PostureCliTenant *tenant;
  JsonNode *node;

  g_return_val_if_fail (source != NULL, NULL);

  if (source->snapshot_path != NULL)
    return acquire_file (source, error);

  if (!source->demo && source->tenant == NULL)
    {
      g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST, "%s",
                   _("Nothing to read: give --demo, --snapshot FILE or --tenant ID"));
      return NULL;
    }

  /* Everything (client, demo server) runs on a private context until done, within
   * --timeout. */
  posture_cli_run_begin (&run, source->timeout_s > 0 ? source->timeout_s
                                                     : POSTURE_CLI_DEFAULT_TIMEOUT_S);
  tenant = posture_cli_tenant_open (source, &run, error);
  node = tenant != NULL ? posture_cli_tenant_read (tenant, &run, error) : NULL;
  g_clear_pointer (&tenant, posture_cli_tenant_close);
  posture_cli_run_end (&run);
  return node;
}
