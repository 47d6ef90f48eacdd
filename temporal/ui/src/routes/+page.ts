import { redirect } from '@sveltejs/kit';

import { routeForWorkflows } from '@temporalio/ui/utilities/route-for';

import type { PageLoad } from './$types';

/** The landing page is the workflow list of the server's default namespace. */
export const load: PageLoad = async ({ parent }) => {
  const { settings } = await parent();
  redirect(307, routeForWorkflows({ namespace: settings.defaultNamespace }));
};
