import { fetchCluster, fetchSystemInfo } from '@temporalio/ui/services/cluster-service';
import { fetchNamespaces } from '@temporalio/ui/services/namespaces-service';
import { fetchSettings } from '@temporalio/ui/services/settings-service';

import { initialiseTranslations } from '$lib/i18n';

import type { LayoutLoad } from './$types';

import '../app.css';

// A static single-page app: the dev server serves index.html for every UI path, the browser renders it.
export const ssr = false;
export const prerender = false;

/** Page data every package component reads through `page.data`: settings, cluster and system info. */
export const load: LayoutLoad = async ({ fetch }) => {
  initialiseTranslations();
  const settings = await fetchSettings(fetch);
  const [cluster, systemInfo] = await Promise.all([
    fetchCluster(settings, fetch),
    fetchSystemInfo(settings, fetch),
  ]);
  // Fills the namespaces store behind the namespace picker; nothing waits for it.
  void fetchNamespaces(settings, fetch);
  return { settings, cluster, systemInfo };
};
