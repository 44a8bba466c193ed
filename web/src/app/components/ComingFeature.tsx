import type { ComponentType, ReactNode, SVGProps } from 'react';

/** A tab whose feature is not built yet: says plainly what is coming, shows no pretend data. */
export function ComingFeature(props: { icon: ComponentType<SVGProps<SVGSVGElement>>; title: string; body: string; items: string[]; children?: ReactNode }) {
  const Icon = props.icon;
  return (
    <>
      <section className="ll-card ll-coming" data-testid="coming-feature">
        <span className="ll-coming-icon">
          <Icon />
        </span>
        <h2 className="ll-coming-title">{props.title}</h2>
        <p className="ll-coming-body">{props.body}</p>
        <ul className="ll-coming-list">
          {props.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>
      {props.children}
    </>
  );
}
