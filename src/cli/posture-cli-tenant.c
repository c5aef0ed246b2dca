/* posture-cli-tenant.c: posture-cli snapshot, login and logout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "posture-cli-private.h"
#include "posture-json.h"
#include "posture-json-writer.h"
#include "posture-tenant.h"

/* snapshot */

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif

/* Whether the snapshot's tree is freed before the command exits. Freeing a large
 * tenant's tree (a node per value) is 6 % of the command's instructions at 2,000
 * environments and gives back nothing the system would not take back at exit, so by
 * default it is left to the exit; it is freed, as everything else is, under a
 * sanitizer (leak checks), when G_DEBUG is set (valgrind, GLib's debugging) or when
 * POSTURE_FREE_AT_EXIT is. */
static gboolean
free_at_exit (void)
{
#ifdef UNDER_SANITIZER
  return TRUE;
#else
  return g_getenv ("G_DEBUG") != NULL || g_getenv ("POSTURE_FREE_AT_EXIT") != NULL;
#endif
}

int
posture_cli_snapshot (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GString) text = NULL;
  PostureCliSource source = { 0 };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the snapshot to FILE (\"-\": standard output)"), N_("FILE") },
    { NULL }
  };
  int exit_code = POSTURE_CLI_EXIT_OK;

  context = posture_cli_context_new ("snapshot", NULL);
  g_option_context_set_description (context,
    _("Reads every setting Posture assesses and saves it as one JSON file (snapshot "
      "format 1), to assess offline later with \"posture-cli assess --snapshot FILE\".\n"
      "Credentials: POSTURE_CLIENT_ID and POSTURE_CLIENT_SECRET, else what "
      "\"posture-cli login\" stored in the keyring."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  posture_cli_source_add_options (context, &source, FALSE);

  if (!posture_cli_parse (context, &argc, &argv, &exit_code))
    goto out;
  if ((exit_code = posture_cli_source_check (&source, context, TRUE)) != POSTURE_CLI_EXIT_OK)
    goto out;
  if (output == NULL)
    {
      exit_code = posture_cli_usage_error (context, "%s", _("--output FILE is required"));
      goto out;
    }

  snapshot = posture_cli_source_acquire (&source, &error);
  if (snapshot == NULL)
    {
      exit_code = posture_cli_fail (error, posture_cli_source_hint (error));
      goto out;
    }

  /* Compact, straight from the tree (json-glib's generator costs more than the read's
   * own parsing on a large tenant), and written atomically: an interrupted or failed
   * read never leaves a partial file. */
  text = g_string_sized_new (1024 * 1024);
  {
    g_autoptr(PostureJsonWriter) writer = posture_json_writer_new (text, FALSE);

    posture_json_writer_node (writer, snapshot);
  }
  if (!posture_cli_write_output (output, text->str, text->len, &error))
    {
      exit_code = posture_cli_fail (error, NULL);
      goto out;
    }

  /* Written and closed: the tree is only memory now (see free_at_exit ()). */
  if (!free_at_exit ())
    (void) g_steal_pointer (&snapshot);

out:
  posture_cli_source_clear (&source);
  return exit_code;
}

/* login */

static int
login_device_code (PostureCliRun *run,
                   PostureOAuth  *oauth)
{
  g_autoptr(PostureDeviceCode) code = NULL;
  g_autoptr(GError) error = NULL;
  PostureCliSync sync = { 0 };
  gboolean ok;

  posture_oauth_request_device_code_async (oauth, run->cancellable, posture_cli_sync_cb, &sync);
  posture_cli_sync_wait (&sync);
  code = posture_oauth_request_device_code_finish (oauth, sync.result, &error);
  g_clear_object (&sync.result);
  posture_cli_run_check (run, &error);
  if (code == NULL)
    return posture_cli_fail (error, posture_cli_source_hint (error));

  /* The service's own message (through g_print, so escaped): it names the page and the
   * code. */
  if (posture_device_code_get_message (code)[0] != '\0')
    g_print ("%s\n", posture_device_code_get_message (code));
  else
    g_print (_("To sign in, open %s and enter the code %s\n"),
             posture_device_code_get_verification_uri (code),
             posture_device_code_get_user_code (code));
  fflush (stdout);

  posture_oauth_poll_device_code_async (oauth, code, run->cancellable, posture_cli_sync_cb,
                                        &sync);
  posture_cli_sync_wait (&sync);
  ok = posture_oauth_poll_device_code_finish (oauth, sync.result, &error);
  g_clear_object (&sync.result);
  posture_cli_run_check (run, &error);
  if (!ok)
    return posture_cli_fail (error, posture_cli_source_hint (error));

  return POSTURE_CLI_EXIT_OK;
}

static int
login_client_secret (PostureCliRun *run,
                     PostureOAuth  *oauth)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSecret) secret = NULL;
  PostureCliSync sync = { 0 };
  gboolean ok;

  secret = posture_cli_read_stdin_secret (&error);
  if (secret == NULL)
    return posture_cli_fail (error, NULL);

  posture_oauth_sign_in_with_secret_async (oauth, secret, run->cancellable, posture_cli_sync_cb,
                                           &sync);
  posture_cli_sync_wait (&sync);
  ok = posture_oauth_sign_in_with_secret_finish (oauth, sync.result, &error);
  g_clear_object (&sync.result);
  posture_cli_run_check (run, &error);
  if (!ok)
    return posture_cli_fail (error, posture_cli_source_hint (error));

  return POSTURE_CLI_EXIT_OK;
}

int
posture_cli_login (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureEndpoints) endpoints = NULL;
  g_autoptr(PostureTokenStore) store = NULL;
  g_autoptr(PostureOAuth) oauth = NULL;
  g_autofree char *tenant = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *api_base = NULL;
  g_autofree char *cloud = NULL;
  gboolean device_code = FALSE;
  gboolean secret_stdin = FALSE;
  int timeout_option = -1;
  guint timeout_s = 0;
  PostureCliRun run = { 0 };
  PostureHttpOptions options;
  const GOptionEntry entries[] = {
    { "tenant", 't', 0, G_OPTION_ARG_STRING, &tenant,
      N_("The tenant (GUID or domain)"), N_("ID") },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id,
      N_("The app registration's client id"), N_("ID") },
    { "api-base", 0, 0, G_OPTION_ARG_STRING, &api_base,
      N_("Serve every service from this base URL (custom cloud)"), N_("URL") },
    { "cloud", 0, 0, G_OPTION_ARG_STRING, &cloud,
      N_("Cloud: public, gcc, gcc-high, dod or china (default: public)"), N_("C") },
    { "device-code", 0, 0, G_OPTION_ARG_NONE, &device_code,
      N_("Sign in as a user in a browser with a code (the default)"), NULL },
    { "client-secret-stdin", 0, 0, G_OPTION_ARG_NONE, &secret_stdin,
      N_("Sign in as the app with a client secret read from standard input"), NULL },
    POSTURE_CLI_TIMEOUT_ENTRY (&timeout_option),
    { NULL }
  };
  int exit_code = POSTURE_CLI_EXIT_OK;

  context = posture_cli_context_new ("login", NULL);
  g_option_context_set_description (context,
    _("Signs in and keeps the refresh token or the client secret in the keyring (GNOME "
      "Keyring), never in a file. A secret is never taken on the command line."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!posture_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (tenant == NULL || tenant[0] == '\0')
    return posture_cli_usage_error (context, "%s", _("--tenant ID is required"));
  if (client_id == NULL || client_id[0] == '\0')
    return posture_cli_usage_error (context, "%s", _("--client-id ID is required"));
  if (device_code && secret_stdin)
    return posture_cli_usage_error (context, "%s",
                                    _("Give either --device-code or --client-secret-stdin"));
  if (!posture_cli_timeout_from_option (timeout_option, &timeout_s))
    return posture_cli_usage_error (context, _("--timeout must be a number of seconds from 1 to "
                                               "%d, not %d"), POSTURE_CLI_MAX_TIMEOUT_S,
                                    timeout_option);

  endpoints = posture_endpoints_new (cloud, api_base, &error);
  if (endpoints == NULL)
    return posture_cli_usage_error (context, "%s", error->message);

  /* The whole sign-in (the user's time in the browser included) is bounded by --timeout. */
  posture_cli_run_begin (&run, timeout_s);

  posture_http_options_init_default (&options);
  options.read_deadline_s = timeout_s;
  store = posture_secret_token_store_new ();
  oauth = posture_oauth_new (endpoints, tenant, client_id, store, &options);
  posture_oauth_set_timeout (oauth, timeout_s);
  exit_code = secret_stdin ? login_client_secret (&run, oauth) : login_device_code (&run, oauth);
  if (exit_code == POSTURE_CLI_EXIT_OK)
    g_printerr (_("Signed in to tenant %s; the credentials are in the keyring.\n"), tenant);

  g_clear_object (&oauth);
  posture_cli_run_end (&run);
  return exit_code;
}

/* logout */

int
posture_cli_logout (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureEndpoints) endpoints = NULL;
  g_autoptr(PostureTokenStore) store = NULL;
  g_autoptr(PostureOAuth) oauth = NULL;
  g_autoptr(GMainContext) main_context = NULL;
  g_autofree char *tenant = NULL;
  g_autofree char *api_base = NULL;
  g_autofree char *cloud = NULL;
  const GOptionEntry entries[] = {
    { "tenant", 't', 0, G_OPTION_ARG_STRING, &tenant,
      N_("The tenant (GUID or domain, as given to login)"), N_("ID") },
    { "api-base", 0, 0, G_OPTION_ARG_STRING, &api_base,
      N_("The base URL given to login"), N_("URL") },
    { "cloud", 0, 0, G_OPTION_ARG_STRING, &cloud,
      N_("The cloud given to login"), N_("C") },
    { NULL }
  };
  int exit_code = POSTURE_CLI_EXIT_OK;
  PostureCliSync sync = { 0 };

  context = posture_cli_context_new ("logout", NULL);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!posture_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (tenant == NULL || tenant[0] == '\0')
    return posture_cli_usage_error (context, "%s", _("--tenant ID is required"));

  endpoints = posture_endpoints_new (cloud, api_base, &error);
  if (endpoints == NULL)
    return posture_cli_usage_error (context, "%s", error->message);

  main_context = g_main_context_new ();
  g_main_context_push_thread_default (main_context);

  store = posture_secret_token_store_new ();
  oauth = posture_oauth_new (endpoints, tenant, NULL, store, NULL);
  posture_oauth_sign_out_async (oauth, NULL, posture_cli_sync_cb, &sync);
  posture_cli_sync_wait (&sync);
  if (!posture_oauth_sign_out_finish (oauth, sync.result, &error))
    exit_code = posture_cli_fail (error, posture_cli_source_hint (error));
  else
    g_printerr (_("Signed out of tenant %s; its credentials were removed from the keyring.\n"),
                tenant);
  g_clear_object (&sync.result);

  g_clear_object (&oauth);
  while (g_main_context_iteration (main_context, FALSE))
    ;
  g_main_context_pop_thread_default (main_context);
  return exit_code;
}
