/* posture-demo-scenario.h: the demo tenant's state, seeded or generated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define POSTURE_TYPE_DEMO_SCENARIO (posture_demo_scenario_get_type ())

G_DECLARE_FINAL_TYPE (PostureDemoScenario, posture_demo_scenario, POSTURE, DEMO_SCENARIO, GObject)

/* n_environments == 0: the seeded "Contoso (demo)" scenario; otherwise a generated
 * tenant of that many environments, deterministic from the seed. Every write the
 * API families make lands here; a reset is a new scenario from the same seed. */
PostureDemoScenario *posture_demo_scenario_new              (guint64              seed,
                                                             guint                n_environments);
guint                posture_demo_scenario_get_n_environments (PostureDemoScenario *self);

G_END_DECLS
