import type { JSX } from 'react';
import { useT } from '../../../i18n/index.js';
import { TeamOutline } from '../../components/icons.js';
import { useCurrentGrant } from '../../lib/session.js';
import { roleHome, type HomeSection, type ShortcutKey } from '../../roles.js';
import { HomeHeader } from './HomeHeader.js';
import { OverviewCard } from './OverviewCard.js';
import { ShortcutGrid } from './ShortcutGrid.js';
import { TodoCard } from './TodoCard.js';

/** How each home section renders; which sections a role sees, and in what order, is ROLE_HOMES data. */
const SECTIONS: Record<HomeSection, (props: { shortcuts: ShortcutKey[] }) => JSX.Element> = {
  todo: TodoCard,
  shortcuts: ({ shortcuts }) => <ShortcutGrid keys={shortcuts} />,
  overview: OverviewCard,
};

/** 首页: what this person must do today, then what the role they act as works with. */
export default function HomeScreen() {
  const t = useT();
  const { grant } = useCurrentGrant();
  const home = roleHome(grant?.role);

  return (
    <main data-testid="home" data-role={grant?.role ?? ''}>
      <HomeHeader />
      {grant ? (
        home.sections.map((s) => {
          const Section = SECTIONS[s];
          return <Section key={s} shortcuts={home.shortcuts} />;
        })
      ) : (
        <section className="ll-card">
          <div className="ll-empty">
            <TeamOutline className="ll-empty-icon" />
            <div className="ll-empty-title">{t('home.noRoleTitle')}</div>
            <div className="ll-empty-hint">{t('home.noRoleHint')}</div>
          </div>
        </section>
      )}
    </main>
  );
}
