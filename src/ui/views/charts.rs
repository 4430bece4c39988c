//! Charts over simulated time.

use super::*;

#[derive(Properties, PartialEq)]
pub(super) struct ChartsProps {
    pub(super) charts: Rc<view::ChartsVm>,
    pub(super) lang: Lang,
    pub(super) dispatch: Callback<Action>,
}

/// Lag, rates and memory over time, and the pull-versus-push comparison.
#[function_component(ChartsPanel)]
pub(super) fn charts_panel(p: &ChartsProps) -> Html {
    let lang = p.lang;
    let vm = &p.charts;
    let buffer = use_state(|| "1000".to_string());
    let crash = use_state(|| false);
    let on_buffer = {
        let b = buffer.clone();
        Callback::from(move |e: InputEvent| b.set(input_value(&e)))
    };
    let on_crash = {
        let c = crash.clone();
        Callback::from(move |e: Event2| c.set(select_value(&e) == "crash"))
    };
    let start = {
        let (d, b, c) = (p.dispatch.clone(), buffer.clone(), crash.clone());
        Callback::from(move |_: MouseEvent| d.emit(Action::StartPush { buffer: (*b).clone(), crash: *c }))
    };
    let titles = [T::ChartLag, T::ChartRates, T::ChartBuffers];
    html! {
        <section class="panel charts-panel" aria-labelledby="charts-h">
            <h2 id="charts-h">{ t(lang, T::ChartsTitle) }</h2>
            <div class="charts">
                { for vm.charts.iter().zip(titles).map(|(c, title)| html! {
                    <figure class="chart" data-testid={format!("chart-{}", c.id)}>
                        <figcaption>{ t(lang, title) }<span class="muted">{ format!(" · {} {}", t(lang, T::ChartMax), c.max_label) }</span></figcaption>
                        <svg viewBox={format!("0 0 {} {}", view::CHART_W, view::CHART_H)} preserveAspectRatio="none" role="img" aria-label={t(lang, title)}>
                            <line class="axis" x1="0" y1={view::CHART_H.to_string()} x2={view::CHART_W.to_string()} y2={view::CHART_H.to_string()} />
                            { for c.series.iter().map(|s| html! {
                                <polyline class="series" style={format!("--series: var(--series-{})", s.colour % 8)} points={s.points.clone()} data-testid="series" data-name={s.name.clone()} />
                            }) }
                            { for c.columns.iter().map(|(x, w, text)| html! {
                                <rect class="hover" x={format!("{x:.1}")} y="0" width={format!("{w:.1}")} height={view::CHART_H.to_string()}><title>{ text }</title></rect>
                            }) }
                        </svg>
                        <ul class="chart-legend">
                            { for c.series.iter().map(|s| html! {
                                <li style={format!("--series: var(--series-{})", s.colour % 8)}><span class="swatch"></span>{ format!("{} {}", s.name, s.last) }</li>
                            }) }
                        </ul>
                    </figure>
                }) }
            </div>
            <p class="note">{ t(lang, T::ChartsNote) }</p>
            <h3>{ t(lang, T::PullVsPush) }</h3>
            <div class="compare" data-testid="compare">
                <div class="table-wrap" tabindex="0" role="region" aria-label={t(lang, T::PullVsPush)}>
                <table class="describe">
                    <thead><tr><th></th><th>{ t(lang, T::Delivered) }</th><th>{ t(lang, T::Dropped) }</th><th>{ t(lang, T::LagWord) }</th><th>{ t(lang, T::MemoryWord) }</th></tr></thead>
                    <tbody>
                        if let Some((d, x, l, m)) = vm.pull {
                            <tr data-testid="pull-row"><th>{ t(lang, T::PullSide) }</th><td>{ d }</td><td data-testid="pull-dropped">{ x }</td><td data-testid="pull-lag">{ l }</td><td>{ view::format_rate_bytes(m).trim_end_matches("/s").to_string() }</td></tr>
                        }
                        if let Some((d, x, l, m, crashed)) = vm.push {
                            <tr data-testid="push-row" class={classes!((x > 0).then_some("warn"))}><th>{ t(lang, T::PushSide) }</th><td>{ d }</td><td data-testid="push-dropped">{ x }</td><td>{ l }</td>
                                <td>{ view::format_rate_bytes(m).trim_end_matches("/s").to_string() }
                                    if let Some(at) = crashed { { format!(" · {} {}", t(lang, T::PushCrashed), format_sim_time(at)) } }
                                </td></tr>
                        }
                    </tbody>
                </table>
                </div>
                <div class="reassign-options">
                    <label><span>{ t(lang, T::PushBuffer) }</span><input class="num" data-testid="push-buffer" inputmode="numeric" value={(*buffer).clone()} oninput={on_buffer} /></label>
                    <label><span>{ t(lang, T::PushOverflow) }</span>
                        <select data-testid="push-overflow" onchange={on_crash}>
                            <option value="drop" selected={!*crash}>{ t(lang, T::OverflowDrop) }</option>
                            <option value="crash" selected={*crash}>{ t(lang, T::OverflowCrash) }</option>
                        </select></label>
                    if vm.push.is_some() {
                        <button class="button" data-testid="stop-push" onclick={p.dispatch.reform(|_| Action::StopPush)}>{ t(lang, T::StopPush) }</button>
                    } else {
                        <button class="button primary" data-testid="start-push" onclick={start}>{ t(lang, T::StartPush) }</button>
                    }
                </div>
            </div>
            <p class="note">{ t(lang, T::PullVsPushNote) }</p>
        </section>
    }
}
