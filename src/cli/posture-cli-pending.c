/* posture-cli-pending.c: the changes a fix left pending, kept with the tenant's state
 * and followed up by the next reading (DESIGN.md "Remediation")
 *
 * `fix` keeps the operation of every resource that ended pending in the tenant's
 * PosturePendingStore; every command that reads the tenant (assess, snapshot, report,
 * fix) first polls each one once, prints how it stands on standard error (one line per
 * operation: standard output is the command's document, and DESIGN.md's JSON has no
 * place for it), and forgets those that ended. Ones still running stay. A damaged store
 * is moved aside and reported; nothing here ever fails the command.
 *
 * The demo tenant that --demo starts lives as long as the command: what it was still
 * carrying out ends with it, so nothing is kept for --demo (a `posture-cli demo-server`,
 * read with --tenant and --api-base, is followed up like any tenant).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-catalog.h"
#include "posture-cli-private.h"
#include "posture-fix-runner.h"
#include "posture-labels.h"
#include "posture-pending-store.h"

/* "Managed environment for “Contoso Sales”: Verified — the service's words" */
static void
print_outcome (PosturePendingStore     *store,
               const PosturePendingFix *fix)
{
  PostureControl *control = posture_catalog_lookup (posture_catalog_get_default (),
                                                    fix->control_id);
  PosturePendingOperation *operation = posture_pending_store_lookup (store, fix->control_id,
                                                                     fix->resource_id);
  const char *title = control != NULL ? posture_control_get_title (control) : fix->control_id;
  const char *name = operation != NULL ? posture_pending_operation_get_resource_name (operation)
                                       : NULL;

  if (name == NULL)
    name = fix->resource_id;
  if (fix->message != NULL)
    /* Translators: a change a fix left pending, as the next reading found it: the
     * control's title, the resource's name, how it ended, and the service's words */
    g_printerr (_("%s for “%s”: %s — %s\n"), title, name,
                posture_fix_outcome_label (fix->outcome), fix->message);
  else
    g_printerr (_("%s for “%s”: %s\n"), title, name, posture_fix_outcome_label (fix->outcome));
}

static PosturePendingStore *
open_store (const char *state_key)
{
  g_autoptr(PosturePendingStore) store = posture_pending_store_new (state_key);
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;

  if (!posture_state_store_load (POSTURE_STATE_STORE (store), &recovered, &error))
    {
      g_printerr (_("posture-cli: warning: the pending changes could not be read (%s); they "
                    "are followed up next time\n"), error->message);
      return NULL;
    }
  if (recovered != NULL)
    g_printerr (_("posture-cli: warning: %s\n"), recovered->message);
  return g_steal_pointer (&store);
}

/**
 * posture_cli_pending_poll:
 *
 * Before @tenant is read: one poll of each operation kept for it, one line each on
 * standard error, and the ended ones forgotten. Within @run; never fails.
 */
void
posture_cli_pending_poll (PostureCliTenant *tenant,
                          PostureCliRun    *run)
{
  const char *state_key = posture_cli_tenant_get_state_key (tenant);
  g_autoptr(PosturePendingStore) store = NULL;
  g_autoptr(PostureFixRunner) runner = NULL;
  g_autoptr(GPtrArray) fixes = NULL;
  g_autoptr(GPtrArray) polled = NULL;
  g_autoptr(GError) error = NULL;
  PostureCliSync sync = { 0 };

  if (state_key == NULL || !(store = open_store (state_key)))
    return;
  fixes = posture_pending_store_dup_fixes (store);
  if (fixes->len == 0)
    return;

  runner = posture_fix_runner_new (posture_cli_tenant_get_client (tenant));
  posture_fix_runner_poll_pending_async (runner, fixes, run->cancellable, posture_cli_sync_cb,
                                         &sync);
  posture_cli_sync_wait (&sync);
  polled = posture_fix_runner_poll_pending_finish (runner, sync.result, &error);
  g_clear_object (&sync.result);
  if (polled == NULL)
    return;   /* cancelled: the reading that follows says why */

  for (guint i = 0; i < polled->len; i++)
    print_outcome (store, g_ptr_array_index (polled, i));

  if (!posture_pending_store_forget_settled (store, polled, &error))
    g_printerr (_("posture-cli: warning: the ended changes are still listed as pending: %s\n"),
                error->message);
}

/**
 * posture_cli_pending_keep:
 *
 * After a fix of @tenant: keeps the operation of each resource of @plan that ended
 * pending, for the next reading. Never fails (a warning says what was not kept).
 */
void
posture_cli_pending_keep (PostureCliTenant *tenant,
                          PostureFixPlan   *plan)
{
  const char *state_key = posture_cli_tenant_get_state_key (tenant);
  g_autoptr(PosturePendingStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (posture_fix_plan_count_outcome (plan, POSTURE_FIX_OUTCOME_PENDING) == 0)
    return;

  if (state_key == NULL)
    {
      g_printerr ("%s\n", _("posture-cli: the demo tenant started for this command stops with "
                            "it, and so do the changes it was still carrying out; serve it "
                            "with \"posture-cli demo-server\" to follow them up"));
      return;
    }

  store = posture_pending_store_new (state_key);
  if (!posture_pending_store_keep_plan (store, plan, &error))
    g_printerr (_("posture-cli: warning: the pending changes were not kept, so the next reading "
                  "cannot follow them up: %s\n"), error->message);
}
