/* cli-test.c: running the built posture-cli from a test, as a script would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "cli-test.h"
#include "posture-demo-server.h"
#include "posture-json.h"
#include "posture-text.h"

void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

typedef struct
{
  GBytes   *out;
  GBytes   *err;
  GError   *error;
  gboolean  done;
} Communicate;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Communicate *c = user_data;

  g_subprocess_communicate_finish (G_SUBPROCESS (object), result, &c->out, &c->err, &c->error);
  c->done = TRUE;
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *done = TRUE;
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return g_strndup (data != NULL ? data : "", size);
}

void
cli_runv (CliRun             *run,
          const char * const *envp,
          const char         *input,
          guint               limit_s,
          const char * const *argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) stdin_bytes = NULL;
  g_autoptr(GError) error = NULL;
  GMainContext *context = g_main_context_get_thread_default ();
  const char *cli = g_getenv ("POSTURE_CLI");
  Communicate c = { 0 };
  gint64 start;
  gint64 deadline;
  gboolean exited = FALSE;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (char *) cli);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* The child sees the test's isolated folders (GLib keeps them to itself). */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "POSTURE_CLIENT_ID");
  g_subprocess_launcher_unsetenv (launcher, "POSTURE_CLIENT_SECRET");
  for (guint i = 0; envp != NULL && envp[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (envp[i], "=", 2);

      g_assert_nonnull (pair[1]);
      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  deadline = start + (gint64) limit_s * G_USEC_PER_SEC;
  stdin_bytes = g_bytes_new (input != NULL ? input : "", input != NULL ? strlen (input) : 0);
  g_subprocess_communicate_async (process, stdin_bytes, NULL, communicate_cb, &c);
  while (!c.done)
    {
      g_main_context_iteration (context, FALSE);
      if (!c.done)
        g_usleep (2000);
      if (g_get_monotonic_time () > deadline)
        {
          g_subprocess_force_exit (process);
          g_error ("posture-cli %s ran longer than %u s", argv[0], limit_s);
        }
    }
  g_assert_no_error (c.error);

  g_subprocess_wait_async (process, NULL, wait_cb, &exited);
  while (!exited)
    g_main_context_iteration (context, TRUE);

  run->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  run->out = bytes_to_string (c.out);
  run->err = bytes_to_string (c.err);
  g_clear_pointer (&c.out, g_bytes_unref);
  g_clear_pointer (&c.err, g_bytes_unref);

  if (!g_subprocess_get_if_exited (process))
    g_error ("posture-cli %s did not exit normally:\n%s", argv[0], run->err);
  run->status = g_subprocess_get_exit_status (process);
}

/* @first and the rest of @args up to NULL, appended to @argv (not copied). */
static void
add_args (GPtrArray  *argv,
          const char *first,
          va_list     args)
{
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
}

void
cli_run (CliRun     *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  add_args (argv, first, args);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  cli_runv (run, NULL, NULL, 60, (const char * const *) argv->pdata);
}

char *
cli_data_path (const char *folder,
               const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", folder, name, NULL);
}

void
cli_assert_terminal_safe (const char *what,
                          const char *text)
{
  const char *end = NULL;

  g_assert_nonnull (text);

  if (!g_utf8_validate (text, -1, &end))
    g_error ("%s holds invalid UTF-8 at byte %" G_GSIZE_FORMAT ":\n%s", what,
             (gsize) (end - text), text);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* A CSV record ends in CRLF: harmless; a lone CR lets text overwrite its line. */
      if (c == '\n' || c == '\t' || (c == '\r' && p[1] == '\n'))
        continue;
      if (posture_text_is_unsafe_char (c))
        g_error ("%s holds U+%04X at byte %" G_GSIZE_FORMAT ":\n%s", what, c,
                 (gsize) (p - text), text);
    }
}

static gboolean
value_equal (JsonNode *a,
             JsonNode *b)
{
  GType ta = json_node_get_value_type (a);
  GType tb = json_node_get_value_type (b);
  gboolean na = ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE;
  gboolean nb = tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE;

  if (na && nb)
    return json_node_get_double (a) == json_node_get_double (b);
  if (ta != tb)
    return FALSE;
  if (ta == G_TYPE_STRING)
    return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
  if (ta == G_TYPE_BOOLEAN)
    return json_node_get_boolean (a) == json_node_get_boolean (b);
  return FALSE;
}

gboolean
cli_json_equal (JsonNode *a,
                JsonNode *b,
                GString  *where)
{
  gsize mark = where->len;

  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;

  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *oa = json_node_get_object (a);
        JsonObject *ob = json_node_get_object (b);
        g_autoptr(GList) members = json_object_get_members (oa);

        if (json_object_get_size (oa) != json_object_get_size (ob))
          return FALSE;
        for (GList *l = members; l != NULL; l = l->next)
          {
            g_string_append_printf (where, ".%s", (const char *) l->data);
            if (!json_object_has_member (ob, l->data) ||
                !cli_json_equal (json_object_get_member (oa, l->data),
                                 json_object_get_member (ob, l->data), where))
              return FALSE;
            g_string_truncate (where, mark);
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *aa = json_node_get_array (a);
        JsonArray *ab = json_node_get_array (b);

        if (json_array_get_length (aa) != json_array_get_length (ab))
          return FALSE;
        for (guint i = 0; i < json_array_get_length (aa); i++)
          {
            g_string_append_printf (where, "[%u]", i);
            if (!cli_json_equal (json_array_get_element (aa, i), json_array_get_element (ab, i),
                                 where))
              return FALSE;
            g_string_truncate (where, mark);
          }
        return TRUE;
      }

    case JSON_NODE_VALUE:
      return value_equal (a, b);

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

JsonObject *
cli_parse_json (JsonNode  **holder,
                const char *what,
                const char *text)
{
  g_autoptr(GError) error = NULL;

  *holder = posture_json_parse (text, strlen (text), 64, &error);
  if (*holder == NULL || !JSON_NODE_HOLDS_OBJECT (*holder))
    g_error ("%s is not a JSON object (%s):\n%s", what, error ? error->message : "", text);
  return json_node_get_object (*holder);
}

/* The demo server ends with the test, even one that aborts. */
static void
end_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

void
cli_demo_start (CliDemo    *demo,
                const char *first_option,
                ...)
{
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;
  char *line;

  g_ptr_array_add (argv, (gpointer) g_getenv ("POSTURE_CLI"));
  g_ptr_array_add (argv, (gpointer) "demo-server");
  va_start (args, first_option);
  add_args (argv, first_option, args);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, end_with_parent, NULL, NULL);
  demo->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (demo->process));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      if (g_str_has_prefix (line, "Base URL:"))
        demo->base = g_strdup (g_strstrip (line + strlen ("Base URL:")));
      g_free (line);
      if (demo->base != NULL)
        break;
    }
  g_assert_no_error (error);
  g_assert_nonnull (demo->base);

  demo->env_id = g_strdup ("POSTURE_CLIENT_ID=" POSTURE_DEMO_CLIENT_ID);
  demo->env_secret = g_strdup ("POSTURE_CLIENT_SECRET=" POSTURE_DEMO_CLIENT_SECRET);
  demo->envp[0] = demo->env_id;
  demo->envp[1] = demo->env_secret;
  demo->envp[2] = NULL;
}

void
cli_demo_stop (CliDemo *demo)
{
  g_subprocess_send_signal (demo->process, SIGTERM);
  g_subprocess_wait (demo->process, NULL, NULL);
  g_clear_object (&demo->process);
  g_clear_pointer (&demo->base, g_free);
  g_clear_pointer (&demo->env_id, g_free);
  g_clear_pointer (&demo->env_secret, g_free);
}

void
cli_demo_run (CliDemo    *demo,
              CliRun     *run,
              const char *input,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  add_args (argv, first, args);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) "--tenant");
  g_ptr_array_add (argv, (gpointer) POSTURE_DEMO_TENANT_ID);
  g_ptr_array_add (argv, (gpointer) "--api-base");
  g_ptr_array_add (argv, demo->base);
  g_ptr_array_add (argv, NULL);

  cli_runv (run, demo->envp, input, 120, (const char * const *) argv->pdata);
}
