/* posture-cli-run.c: a command's conversation with a tenant, bounded by --timeout
 *
 * DESIGN.md: every command that talks to a tenant takes --timeout SECONDS (default 600),
 * "a bound on the whole command, however the server behaves (dripping bodies, endless
 * pages, a silent token endpoint); past it the command fails with exit 1 and says so".
 *
 * A run owns the private main context the command's async calls complete in, and one
 * GCancellable that every call gets. The deadline is a timer in that same context (a
 * timer on the global default context never fires while the command iterates its own),
 * and so are SIGINT and SIGTERM: each cancels the cancellable, and
 * posture_cli_run_check() turns the resulting G_IO_ERROR_CANCELLED into "timed out" or
 * "interrupted". Should a call ignore its cancellable, a watchdog thread ends the process
 * with exit 1 a few seconds past the deadline, so the bound holds whatever happens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-cli"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "posture-cli-private.h"
#include "posture-tenant.h"

/* After the deadline, the graceful path (cancel, unwind, message) gets this long. */
#define WATCHDOG_GRACE_S 5

G_LOCK_DEFINE_STATIC (watchdog);
static GCond    watchdog_cond;
static gboolean watchdog_disarmed;

static gpointer
watchdog_thread (gpointer data)
{
  gint64 end = *(gint64 *) data;
  gboolean fire = FALSE;

  g_free (data);

  G_LOCK (watchdog);
  while (!watchdog_disarmed)
    {
      if (!g_cond_wait_until (&watchdog_cond, &G_LOCK_NAME (watchdog), end))
        {
          fire = !watchdog_disarmed;
          break;
        }
    }
  G_UNLOCK (watchdog);

  if (fire)
    {
      /* Only async-signal-safe calls from here on: the main thread is stuck. */
      static const char message[] =
        "posture-cli: timed out: the command passed its --timeout and did not stop; "
        "it was ended\n";

      if (write (STDERR_FILENO, message, sizeof message - 1) < 0)
        {
          /* Nothing more can be done. */
        }
      _exit (POSTURE_CLI_EXIT_FAILED);
    }

  return NULL;
}

static gboolean
deadline_cb (gpointer user_data)
{
  PostureCliRun *run = user_data;

  run->timed_out = TRUE;
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
interrupt_cb (gpointer user_data)
{
  PostureCliRun *run = user_data;

  run->interrupted = TRUE;
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

static GSource *
attach (GSource       *source,
        GSourceFunc    callback,
        PostureCliRun *run)
{
  g_source_set_callback (source, callback, run, NULL);
  g_source_attach (source, run->context);
  return source;
}

/**
 * posture_cli_run_begin:
 * @run: a zeroed #PostureCliRun
 * @timeout_s: the bound on the whole command, in seconds (> 0)
 *
 * Pushes a new main context as the thread's default and arms the deadline, the signal
 * handlers and the watchdog. The deadline counts from this call.
 */
void
posture_cli_run_begin (PostureCliRun *run,
                       guint          timeout_s)
{
  gint64 *watchdog_end;

  g_assert (run != NULL && run->context == NULL);
  g_assert (timeout_s > 0);

  run->timeout_s = timeout_s;
  run->context = g_main_context_new ();
  run->cancellable = g_cancellable_new ();
  g_main_context_push_thread_default (run->context);

  run->timer = attach (g_timeout_source_new ((guint) timeout_s * 1000), deadline_cb, run);
  run->sigint = attach (g_unix_signal_source_new (SIGINT), interrupt_cb, run);
  run->sigterm = attach (g_unix_signal_source_new (SIGTERM), interrupt_cb, run);

  G_LOCK (watchdog);
  watchdog_disarmed = FALSE;
  G_UNLOCK (watchdog);
  watchdog_end = g_new (gint64, 1);
  *watchdog_end = g_get_monotonic_time () +
                  ((gint64) timeout_s + WATCHDOG_GRACE_S) * G_USEC_PER_SEC;
  run->watchdog = g_thread_new ("posture-cli-watchdog", watchdog_thread, watchdog_end);
}

/* Disarms the deadline, lets what is pending in the context finish, and pops it. */
void
posture_cli_run_end (PostureCliRun *run)
{
  g_assert (run != NULL && run->context != NULL);

  G_LOCK (watchdog);
  watchdog_disarmed = TRUE;
  g_cond_broadcast (&watchdog_cond);
  G_UNLOCK (watchdog);
  g_thread_join (g_steal_pointer (&run->watchdog));

  if (!g_source_is_destroyed (run->timer))
    g_source_destroy (run->timer);
  g_source_destroy (run->sigint);
  g_source_destroy (run->sigterm);
  g_clear_pointer (&run->timer, g_source_unref);
  g_clear_pointer (&run->sigint, g_source_unref);
  g_clear_pointer (&run->sigterm, g_source_unref);

  while (g_main_context_iteration (run->context, FALSE))
    ;
  g_main_context_pop_thread_default (run->context);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->context, g_main_context_unref);
}

/**
 * posture_cli_run_check:
 * @run: the run
 * @error: (inout): the error a call of the run finished with
 *
 * A call cancelled by the run's deadline or by Ctrl+C finishes with
 * G_IO_ERROR_CANCELLED; that error is replaced by one that says what happened. A client
 * error of kind POSTURE_CLIENT_ERROR_TIMED_OUT is reworded the same way.
 */
void
posture_cli_run_check (PostureCliRun  *run,
                       GError        **error)
{
  g_assert (run != NULL);

  if (error == NULL || *error == NULL)
    return;

  if (run->timed_out &&
      (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
       g_error_matches (*error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_TIMED_OUT)))
    {
      g_clear_error (error);
      g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_TIMED_OUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Timed out after %u second (--timeout): the service did not "
                                "answer in time; nothing was written",
                                "Timed out after %u seconds (--timeout): the service did not "
                                "answer in time; nothing was written", run->timeout_s),
                   run->timeout_s);
    }
  else if (run->interrupted && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (error);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Interrupted; nothing was written"));
    }
}

/* --timeout SECONDS as parsed into an int that started at -1 (absent: the default, 600
 * seconds). FALSE (a usage error) outside 1 to POSTURE_CLI_MAX_TIMEOUT_S. */
gboolean
posture_cli_timeout_from_option (int    value,
                                 guint *timeout_s)
{
  if (value == -1)
    {
      *timeout_s = POSTURE_CLI_DEFAULT_TIMEOUT_S;
      return TRUE;
    }

  if (value < 1 || value > POSTURE_CLI_MAX_TIMEOUT_S)
    return FALSE;

  *timeout_s = (guint) value;
  return TRUE;
}
