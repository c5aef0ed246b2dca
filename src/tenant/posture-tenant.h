/* posture-tenant.h: everything the app and the CLI use from src/tenant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-cloud.h"
#include "posture-device-code.h"
#include "posture-error-text.h"
#include "posture-memory-token-store.h"
#include "posture-oauth.h"
#include "posture-secret-token-store.h"
#include "posture-tenant-client.h"
#include "posture-tenant-error.h"
#include "posture-tenant-progress.h"
#include "posture-tenant-types.h"
#include "posture-token-store.h"
