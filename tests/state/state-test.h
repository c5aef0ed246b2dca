/* state-test.h: what the state tests share (waiting for callbacks and children)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/wait.h>

#include <gio/gio.h>

static inline gboolean
state_test_timeout_cb (gpointer user_data)
{
  g_error ("timed out waiting for a callback");
  return G_SOURCE_REMOVE;
}

/* Runs the main context until *@done, failing the test after 20 s instead of hanging. */
static inline void
state_test_wait (gboolean *done)
{
  guint id = g_timeout_add_seconds (20, state_test_timeout_cb, NULL);

  while (!*done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

/* A worker thread lets go of its task, and the task of its source object, just after
 * the callback ran: wait for that before asserting the object is freed. */
static inline void
state_test_wait_released (gpointer object)
{
  while (g_atomic_int_get (&G_OBJECT (object)->ref_count) > 1)
    g_thread_yield ();
}

/* A forked writer exited with 0. */
static inline void
state_test_assert_exited_ok (pid_t pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}
